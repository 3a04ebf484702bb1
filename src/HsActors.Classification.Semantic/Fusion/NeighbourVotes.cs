using HsActors.Classification.Semantic.Index;
using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Fusion;

/// <summary>
/// The nearest rows' codes as a probability over codes at 2, 4, 6 and 8 digits: each row weighs
/// exp((similarity − best similarity) / temperature), and a row counts at every level its code reaches (an HMRC row
/// labelled at 4 digits votes for its chapter and heading only, so the 6-digit masses may sum to less than 1).
/// </summary>
public sealed class NeighbourVotes
{
    private readonly Dictionary<HsCode, float>[] byLevel = [new(), new(), new(), new()];

    public NeighbourVotes(ReadOnlySpan<Neighbour> neighbours, float temperature)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(temperature);
        if (neighbours.IsEmpty)
        {
            return;
        }
        var best = neighbours[0].Similarity;
        var total = 0f;
        Span<float> weights = stackalloc float[neighbours.Length];
        for (var i = 0; i < neighbours.Length; i++)
        {
            weights[i] = MathF.Exp((neighbours[i].Similarity - best) / temperature);
            total += weights[i];
        }
        for (var i = 0; i < neighbours.Length; i++)
        {
            var code = neighbours[i].Code;
            for (var l = 0; l < byLevel.Length; l++)
            {
                var level = 2 * (l + 1);
                if (code.Level >= level)
                {
                    var prefix = code.Truncate(level);
                    byLevel[l][prefix] = byLevel[l].GetValueOrDefault(prefix) + weights[i] / total;
                }
            }
        }
    }

    /// <summary>The vote mass on <paramref name="prefix"/> (2, 4, 6 or 8 digits).</summary>
    public float Mass(HsCode prefix) => prefix.Level is 2 or 4 or 6 or 8 ? byLevel[prefix.Level / 2 - 1].GetValueOrDefault(prefix) : 0f;

    /// <summary>The codes voted for at <paramref name="level"/> digits, most voted first.</summary>
    public IEnumerable<KeyValuePair<HsCode, float>> At(int level) =>
        byLevel[level / 2 - 1].OrderByDescending(v => v.Value).ThenBy(v => v.Key);
}
