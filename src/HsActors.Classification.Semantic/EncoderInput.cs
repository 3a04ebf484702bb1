namespace HsActors.Classification.Semantic;

/// <summary>What the encoder reads for a line: its description, and the marketplace category and attributes a hub sent.</summary>
public static class EncoderInput
{
    /// <summary>
    /// The description, then the category's last two steps (the most specific), then the values of attributes naming
    /// a material or a type. Brand names, packaging and shipping terms say nothing of the goods' classification.
    /// </summary>
    public static string Compose(string description, string? category, IReadOnlyDictionary<string, string>? attributes)
    {
        ArgumentNullException.ThrowIfNull(description);
        var parts = new List<string>(4) { description.Trim() };
        if (!string.IsNullOrWhiteSpace(category))
        {
            var steps = category.Split('>', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            parts.Add(string.Join(", ", steps.Skip(Math.Max(0, steps.Length - 2))));
        }
        if (attributes is not null)
        {
            foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                if (!string.IsNullOrWhiteSpace(value) && (name.Contains("material", StringComparison.OrdinalIgnoreCase) || name.Contains("type", StringComparison.OrdinalIgnoreCase)))
                {
                    parts.Add($"{name}: {value.Trim()}");
                }
            }
        }
        return string.Join(". ", parts);
    }
}
