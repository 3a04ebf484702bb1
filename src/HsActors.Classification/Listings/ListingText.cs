namespace HsActors.Classification.Listings;

/// <summary>
/// What the models read for a line: its description, then what a hub knows beside it. The hierarchy and the sentence
/// encoder read the same text, so a line's category and attributes count in every mode, fast included: on marketplace
/// listings the category path names the goods more plainly than a title written to be found by buyers.
/// </summary>
public static class ListingText
{
    private const int CategorySteps = 2;

    /// <summary>
    /// The description, then the category path's last two readable steps (the most specific), then the attributes
    /// naming a material or a type. Brand names, packaging and shipping terms say nothing of the goods' classification.
    /// Without a category or such attributes the description comes back as it was.
    /// </summary>
    public static string Compose(string description, string? category, IReadOnlyDictionary<string, string>? attributes)
    {
        ArgumentNullException.ThrowIfNull(description);
        var steps = CategoryStepsOf(category);
        var telling = TellingAttributes(attributes);
        if (steps.Count == 0 && telling.Count == 0)
        {
            return description;
        }
        var parts = new List<string>(2 + telling.Count) { description.Trim() };
        if (steps.Count > 0)
        {
            parts.Add(string.Join(", ", steps.Skip(Math.Max(0, steps.Count - CategorySteps))));
        }
        parts.AddRange(telling);
        return string.Join(". ", parts);
    }

    /// <summary>
    /// The path's steps that read as words. Marketplace paths come scraped: a step cut off in mis-decoded bytes, a
    /// placeholder of underscores, or a marker such as "(Old, Obsolete)" says nothing of the goods, and being last it
    /// would push out the step that does.
    /// </summary>
    public static IReadOnlyList<string> CategoryStepsOf(string? category)
    {
        if (string.IsNullOrWhiteSpace(category))
        {
            return [];
        }
        var steps = new List<string>();
        foreach (var raw in category.Split('>', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var step = Readable(raw);
            if (step.Length > 0)
            {
                steps.Add(step);
            }
        }
        return steps;
    }

    private static string Readable(string step)
    {
        var end = 0;
        while (end < step.Length && char.IsAscii(step[end]))
        {
            end++;
        }
        var kept = step[..end];
        foreach (var marker in (string[])["(Old, Obsolete)", "(Obsolete)"])
        {
            kept = kept.Replace(marker, "", StringComparison.OrdinalIgnoreCase);
        }
        kept = kept.Trim(' ', '_', '(', ')', '-');
        return CountLetters(kept) >= 2 ? kept : "";
    }

    private static int CountLetters(string text)
    {
        var letters = 0;
        foreach (var c in text)
        {
            letters += char.IsAsciiLetter(c) ? 1 : 0;
        }
        return letters;
    }

    private static IReadOnlyList<string> TellingAttributes(IReadOnlyDictionary<string, string>? attributes)
    {
        // Most lines carry none: no allocation on the hot path for them.
        if (attributes is null || attributes.Count == 0)
        {
            return [];
        }
        var telling = new List<string>();
        foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (!string.IsNullOrWhiteSpace(value) && (name.Contains("material", StringComparison.OrdinalIgnoreCase) || name.Contains("type", StringComparison.OrdinalIgnoreCase)))
            {
                telling.Add($"{name}: {value.Trim()}");
            }
        }
        return telling;
    }
}
