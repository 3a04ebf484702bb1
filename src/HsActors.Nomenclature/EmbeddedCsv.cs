using System.Runtime.CompilerServices;

namespace HsActors.Nomenclature;

/// <summary>
/// Reads a small RFC 4180 CSV bundled as a manifest resource of this assembly, addressing columns by header name.
/// The bundled files are a few MB at most, so the text is read whole and split in one pass: this keeps the
/// first-use cost of <see cref="HsNomenclature.Bundled"/> low (no CSV library to JIT, no per-field buffers).
/// </summary>
internal static class EmbeddedCsv
{
    public static Stream Open(string resourceName) =>
        typeof(EmbeddedCsv).Assembly.GetManifestResourceStream(resourceName)
        ?? throw new InvalidDataException(
            $"Embedded resource '{resourceName}' is missing from {typeof(EmbeddedCsv).Assembly.GetName().Name}; " +
            $"present: {string.Join(", ", typeof(EmbeddedCsv).Assembly.GetManifestResourceNames())}.");

    /// <summary>Each data row's fields in the order of <paramref name="columns"/>.</summary>
    public static List<string[]> Read(string resourceName, params string[] columns)
    {
        using var reader = new StreamReader(Open(resourceName), detectEncodingFromByteOrderMarks: true);
        return Parse(reader.ReadToEnd(), resourceName, columns);
    }

    // Runs once per process: tiering would leave it unoptimised.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<string[]> Parse(string text, string resourceName, params string[] columns)
    {
        var position = 0;
        var line = 1;
        var fields = new List<string>(16);
        if (!NextRecord(text, resourceName, ref position, ref line, fields))
        {
            throw new InvalidDataException($"Embedded CSV '{resourceName}' is empty.");
        }
        var header = fields.Select(h => h.Trim()).ToArray();
        var indices = new int[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            indices[i] = Array.FindIndex(header, h => string.Equals(h, columns[i], StringComparison.OrdinalIgnoreCase));
            if (indices[i] < 0)
            {
                throw new InvalidDataException(
                    $"Embedded CSV '{resourceName}' has no column '{columns[i]}' (header: {string.Join(",", header)}).");
            }
        }
        var rows = new List<string[]>(text.Length / 64);
        var recordLine = line;
        while (NextRecord(text, resourceName, ref position, ref line, fields))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                recordLine = line;
                continue; // blank line
            }
            if (fields.Count != header.Length)
            {
                throw new InvalidDataException(
                    $"Embedded CSV '{resourceName}' line {recordLine}: {fields.Count} fields, header has {header.Length}.");
            }
            var row = new string[indices.Length];
            for (var i = 0; i < indices.Length; i++)
            {
                row[i] = fields[indices[i]];
            }
            rows.Add(row);
            recordLine = line;
        }
        return rows;
    }

    /// <summary>Splits the record starting at <paramref name="position"/>; quoted fields may hold commas, quotes ("") and newlines.</summary>
    private static bool NextRecord(string text, string source, ref int position, ref int line, List<string> fields)
    {
        fields.Clear();
        if (position >= text.Length)
        {
            return false;
        }
        while (true)
        {
            string field;
            if (position < text.Length && text[position] == '"')
            {
                var builder = new System.Text.StringBuilder();
                position++;
                while (true)
                {
                    var quote = text.IndexOf('"', position);
                    if (quote < 0)
                    {
                        throw new InvalidDataException($"{source}: unterminated quoted field starting on line {line}.");
                    }
                    var chunk = text.AsSpan(position, quote - position);
                    line += chunk.Count('\n');
                    builder.Append(chunk);
                    position = quote + 1;
                    if (position < text.Length && text[position] == '"')
                    {
                        builder.Append('"');
                        position++;
                        continue;
                    }
                    break;
                }
                field = builder.ToString();
            }
            else
            {
                var end = text.AsSpan(position).IndexOfAny(',', '\n', '\r');
                end = end < 0 ? text.Length : position + end;
                field = text[position..end];
                position = end;
            }
            fields.Add(field);
            if (position >= text.Length)
            {
                return true;
            }
            var separator = text[position++];
            if (separator == ',')
            {
                continue;
            }
            if (separator == '\r' && position < text.Length && text[position] == '\n')
            {
                position++;
            }
            if (separator is '\r' or '\n')
            {
                line++;
                return true;
            }
            throw new InvalidDataException($"{source}: unexpected '{separator}' after a quoted field on line {line}.");
        }
    }
}
