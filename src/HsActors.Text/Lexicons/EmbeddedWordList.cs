using System.Collections.Frozen;

namespace HsActors.Text.Lexicons;

/// <summary>Reads the embedded data files under Data/: one entry a line, '#' starts a comment, blank lines ignored.</summary>
internal static class EmbeddedWordList
{
    public static IEnumerable<string> ReadLines(string fileName)
    {
        var resourceName = "HsActors.Text.Data." + fileName;
        using var stream = typeof(EmbeddedWordList).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded word list '{resourceName}' is missing from {typeof(EmbeddedWordList).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var comment = line.IndexOf('#', StringComparison.Ordinal);
            var content = (comment >= 0 ? line[..comment] : line).Trim();
            if (content.Length > 0)
                yield return content;
        }
    }

    /// <summary>A case-insensitive set of the files' words, several to a line allowed (lower-cased, so lookups hand back a canonical instance).</summary>
    public static FrozenSet<string> ReadSet(params string[] fileNames) =>
        fileNames.SelectMany(ReadLines)
            .SelectMany(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(word => word.ToLowerInvariant())
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Tab-separated pairs; a line without exactly one tab is a data error worth failing loudly for.</summary>
    public static IEnumerable<(string Key, string Value)> ReadPairs(string fileName)
    {
        foreach (var line in ReadLines(fileName))
        {
            var parts = line.Split('\t', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
                throw new InvalidDataException($"Word list '{fileName}': expected '<key><TAB><value>' but found '{line}'.");
            yield return (parts[0], parts[1]);
        }
    }
}
