using System.Collections.Frozen;
using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic;

/// <summary>
/// Tells Indonesian descriptions from English ones by the words that occur in the bundled tariff's Indonesian texts and
/// never in its English ones. The encoder is English: for Indonesian lines the hierarchy's answer stands.
/// </summary>
public sealed class IndonesianTextDetector
{
    private readonly FrozenSet<string> indonesianOnly;

    public IndonesianTextDetector(HsNomenclature nomenclature)
    {
        ArgumentNullException.ThrowIfNull(nomenclature);
        var english = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var indonesian = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in nomenclature.AtLevel(8))
        {
            english.UnionWith(Words(nomenclature.LabelEn(line.Code)));
            indonesian.UnionWith(Words(nomenclature.LabelId(line.Code)));
        }
        indonesian.ExceptWith(english);
        indonesianOnly = indonesian.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Share of a description's words (of 3 or more letters) that only the Indonesian texts use, above which it counts as Indonesian.</summary>
    public float Threshold { get; init; } = 0.3f;

    public bool IsIndonesian(string description)
    {
        var words = 0;
        var hits = 0;
        foreach (var word in Words(description))
        {
            words++;
            hits += indonesianOnly.Contains(word) ? 1 : 0;
        }
        return words > 0 && hits >= Threshold * words;
    }

    private static IEnumerable<string> Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim(',', '.', ';', ':', '(', ')', '"', '\'', '-', '/'))
            .Where(w => w.Length >= 3 && w.All(char.IsLetter));
}
