using System.Runtime.CompilerServices;

namespace HsActors.Corpus;

/// <summary>
/// Streams a customer's historical declarations (CSV/TSV with a header row, JSON lines, or a JSON array) as
/// training rows. Bad rows are counted in the <see cref="ImportReport"/> and skipped; only a file that cannot be
/// read at all throws. Codes of 10 digits are cut to their 8-digit national line.
/// </summary>
public static class DeclarationImporter
{
    // Large: on Unix every refill of an async file read is a thread-pool hop, slow on a busy machine.
    private const int FileBufferSize = 1 << 20;

    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/> (thrown by this call, not on enumeration).</exception>
    /// <exception cref="InvalidDataException">On enumeration: empty CSV, or a header without description/code columns.</exception>
    public static IAsyncEnumerable<LabeledDescription> ReadAsync(string path, ImportReport report,
        IProgress<long>? bytesRead = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(report);
        if (Directory.Exists(path))
        {
            throw new FileNotFoundException($"Declaration file '{path}' is a directory, not a file.", path);
        }
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Declaration file '{path}' does not exist.", path);
        }
        return ReadFileAsync(path, report, bytesRead, cancellationToken);
    }

    private static async IAsyncEnumerable<LabeledDescription> ReadFileAsync(string path, ImportReport report,
        IProgress<long>? bytesRead, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileBufferSize,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        var (format, delimiter) = await DeclarationFileSniffer.DetectAsync(stream, path, cancellationToken).ConfigureAwait(false);
        var progress = new ByteProgress(stream, report, bytesRead);
        var rows = format switch
        {
            DeclarationFileFormat.Csv => CsvDeclarationReader.ReadAsync(stream, path, delimiter, report, progress, cancellationToken),
            DeclarationFileFormat.JsonLines => JsonDeclarationReader.ReadLinesAsync(stream, report, progress, cancellationToken),
            _ => JsonDeclarationReader.ReadArrayAsync(stream, report, progress, cancellationToken),
        };
        await foreach (var row in rows.ConfigureAwait(false))
        {
            yield return row;
        }
    }
}
