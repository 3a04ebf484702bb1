namespace HsActors.Nomenclature;

/// <summary>
/// Turns tariff-book fragments ("- - Other :", "Live horses, asses, mules and hinnies.") into label parts.
/// The dashes encode depth in the printed book; once parts are joined with their parents they only add noise.
/// </summary>
internal static class DescriptionText
{
    public static string ToLabelPart(string text)
    {
        var span = text.AsSpan().Trim();
        var start = 0;
        while (start < span.Length && (span[start] is '-' or '–' or '—' || char.IsWhiteSpace(span[start])))
        {
            start++;
        }
        var end = span.Length;
        while (end > start && (span[end - 1] is ':' or ';' or ',' or '.' || char.IsWhiteSpace(span[end - 1])))
        {
            end--;
        }
        return start == 0 && end == span.Length && span.Length == text.Length ? text : span[start..end].ToString();
    }

    /// <summary>Equal when the letters and digits agree, ignoring case, punctuation and spacing.</summary>
    public static bool SameWords(string left, string right)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < left.Length && !char.IsLetterOrDigit(left[i]))
            {
                i++;
            }
            while (j < right.Length && !char.IsLetterOrDigit(right[j]))
            {
                j++;
            }
            if (i == left.Length || j == right.Length)
            {
                return i == left.Length && j == right.Length;
            }
            if (char.ToUpperInvariant(left[i]) != char.ToUpperInvariant(right[j]))
            {
                return false;
            }
            i++;
            j++;
        }
    }

    /// <summary>
    /// <paramref name="part"/> without a leading clause (up to its first ';') that restates the leading clause of
    /// <paramref name="parent"/>: WCO subheadings repeat their heading's name ("T-shirts, singlets and other vests; of
    /// cotton" under "T-shirts, singlets and other vests; knitted or crocheted"). The part is kept whole when nothing
    /// would be left.
    /// </summary>
    public static string WithoutRestatedClause(string parent, string part)
    {
        var partClause = part.IndexOf(';');
        if (partClause < 0)
        {
            return part;
        }
        var parentClause = parent.IndexOf(';');
        var parentHead = parentClause < 0 ? parent : parent[..parentClause];
        var rest = part[(partClause + 1)..].Trim();
        return rest.Length > 0 && SameWords(parentHead, part[..partClause]) ? rest : part;
    }
}
