using System.Text;

namespace HsActors.Corpus;

internal enum DeclarationFileFormat
{
    Csv,
    JsonLines,
    JsonArray,
}

/// <summary>Chooses the format of a declaration file from its extension, or from its first bytes when that is ambiguous.</summary>
internal static class DeclarationFileSniffer
{
    private const int SampleBytes = 8192;

    /// <summary>Reads a sample from the start of <paramref name="stream"/> and rewinds it.</summary>
    public static async Task<(DeclarationFileFormat Format, char Delimiter)> DetectAsync(Stream stream, string path,
        CancellationToken cancellationToken)
    {
        var buffer = new byte[SampleBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }
        stream.Seek(0, SeekOrigin.Begin);
        var sample = Encoding.UTF8.GetString(buffer, 0, length).TrimStart('\uFEFF');
        var firstChar = sample.AsSpan().TrimStart().IsEmpty ? '\0' : sample.AsSpan().TrimStart()[0];

        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".tsv" or ".tab" => (DeclarationFileFormat.Csv, '\t'),
            ".csv" or ".txt" => (DeclarationFileFormat.Csv, SniffDelimiter(sample)),
            ".jsonl" or ".ndjson" => (DeclarationFileFormat.JsonLines, ','),
            ".json" => (firstChar == '[' ? DeclarationFileFormat.JsonArray : DeclarationFileFormat.JsonLines, ','),
            _ => firstChar switch
            {
                '{' => (DeclarationFileFormat.JsonLines, ','),
                '[' => (DeclarationFileFormat.JsonArray, ','),
                _ => (DeclarationFileFormat.Csv, SniffDelimiter(sample)),
            },
        };
    }

    /// <summary>The most frequent of comma, semicolon and tab in the header line (outside quotes); comma on a tie.</summary>
    private static char SniffDelimiter(string sample)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in sample)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                if (c is '\n' or '\r')
                {
                    break;
                }
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }
        return tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }
}
