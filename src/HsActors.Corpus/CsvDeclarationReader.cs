using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace HsActors.Corpus;

/// <summary>Streams declaration rows from a delimited file with a header row.</summary>
internal static class CsvDeclarationReader
{
    private const int BufferSize = 1 << 16;

    public static async IAsyncEnumerable<LabeledDescription> ReadAsync(Stream stream, string path, char delimiter,
        ImportReport report, ByteProgress progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, BufferSize, leaveOpen: true);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            BadDataFound = null, // a stray quote (12" PIPE) is ordinary in goods text: keep the field as written
            IgnoreBlankLines = false, // keeps the raw line count in step with record starts
            BufferSize = BufferSize,
        };
        using var parser = new CsvParser(reader, configuration);

        if (!await ReadRecordAsync(parser, path).ConfigureAwait(false))
        {
            throw new InvalidDataException($"Declaration file '{path}' is empty: expected a header row.");
        }
        var columns = MapHeader(parser.Record!, path);
        var columnCount = parser.Count;
        var nextLine = parser.RawRow + 1;

        while (await ReadRecordAsync(parser, path).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = nextLine;
            nextLine = parser.RawRow + 1;
            progress.Tick();
            if (parser.Count == 1 && string.IsNullOrWhiteSpace(parser[0]))
            {
                continue; // blank line
            }
            if (parser.Count != columnCount)
            {
                report.Reject(line, $"{parser.Count} fields, the header has {columnCount}");
                continue;
            }
            var fields = new DeclarationFields();
            foreach (var (field, index) in columns)
            {
                fields.Set(field, parser[index]);
            }
            if (fields.TryBuild(out var reason) is { } row)
            {
                report.Accepted++;
                yield return row;
            }
            else
            {
                report.Reject(line, reason);
            }
        }
        progress.Finish();
    }

    private static async Task<bool> ReadRecordAsync(CsvParser parser, string path)
    {
        try
        {
            return await parser.ReadAsync().ConfigureAwait(false);
        }
        catch (CsvHelperException exception)
        {
            throw new InvalidDataException($"Declaration file '{path}' cannot be read as CSV near line {parser.RawRow}: {exception.Message}", exception);
        }
    }

    private static (DeclarationField Field, int Index)[] MapHeader(string[] header, string path)
    {
        var columns = new Dictionary<DeclarationField, int>();
        for (var i = 0; i < header.Length; i++)
        {
            if (!DeclarationFieldNames.TryMatch(header[i], out var field))
            {
                continue; // other columns (tariff, value, ...) are allowed and ignored
            }
            if (!columns.TryAdd(field, i))
            {
                throw new InvalidDataException(
                    $"Declaration file '{path}': columns '{header[columns[field]]}' and '{header[i]}' both name the {field}.");
            }
        }
        foreach (var required in new[] { DeclarationField.Description, DeclarationField.Code })
        {
            if (!columns.ContainsKey(required))
            {
                throw new InvalidDataException(
                    $"Declaration file '{path}' has no {required.ToString().ToLowerInvariant()} column " +
                    $"(expected one of: {DeclarationFieldNames.Expected(required)}); header: {string.Join(" | ", header)}.");
            }
        }
        return columns.Select(p => (p.Key, p.Value)).ToArray();
    }
}
