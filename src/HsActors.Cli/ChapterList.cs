using HsActors.Nomenclature;

namespace HsActors.Cli;

/// <summary>Parses "84,87" into chapters, for the quick-trial options that train on a few chapters only.</summary>
public static class ChapterList
{
    public static IReadOnlySet<HsCode> Parse(string? text, string optionName)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new HashSet<HsCode>();
        }
        var chapters = new HashSet<HsCode>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!HsCode.TryParse(part, out var code) || code.Level != 2)
            {
                throw new CliUsageException($"{optionName}: '{part}' is not a 2-digit HS chapter (expected e.g. 84,87).");
            }
            chapters.Add(code);
        }
        return chapters;
    }
}
