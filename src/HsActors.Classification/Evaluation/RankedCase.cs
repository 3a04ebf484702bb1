using HsActors.Classification.Hierarchy;
using HsActors.Nomenclature;

namespace HsActors.Classification.Evaluation;

/// <summary>One test description: its true code and the model's ranked recommendations, best first.</summary>
public sealed record RankedCase(HsCode Truth, IReadOnlyList<CodeRecommendation> Ranking)
{
    /// <summary>The levels this case is scored at: 2, 4, 6, 8 up to the truth's own (a 10-digit truth counts as 8).</summary>
    public IEnumerable<int> Levels => HsLevels.All.Where(l => l <= Truth.Level);

    /// <summary>
    /// 1-based position of the truth's <paramref name="level"/>-digit prefix among the distinct
    /// <paramref name="level"/>-digit prefixes of the ranking, or 0 when it is not there. Top-k at a level is
    /// "0 &lt; rank ≤ k": eight lines of one subheading are one guess at six digits, not eight.
    /// </summary>
    public int PrefixRank(int level)
    {
        var truth = TruthAt(level);
        var distinct = new List<HsCode>(Math.Min(Ranking.Count, 32));
        foreach (var recommendation in Ranking)
        {
            var prefix = PrefixOf(recommendation.Code, level);
            if (distinct.Contains(prefix))
            {
                continue;
            }
            distinct.Add(prefix);
            if (prefix == truth)
            {
                return distinct.Count;
            }
        }
        return 0;
    }

    /// <summary>
    /// The first recommendation's <paramref name="level"/>-digit prefix and the probability the ranking puts on it
    /// (the sum over its codes in the list); null when the ranking is empty.
    /// </summary>
    public (HsCode Prefix, double Probability)? TopPrefix(int level)
    {
        if (Ranking.Count == 0)
        {
            return null;
        }
        var top = PrefixOf(Ranking[0].Code, level);
        var mass = 0.0;
        foreach (var recommendation in Ranking)
        {
            if (PrefixOf(recommendation.Code, level) == top)
            {
                mass += recommendation.Probability;
            }
        }
        return (top, Math.Clamp(mass, 0, 1));
    }

    public HsCode TruthAt(int level)
    {
        if (level > Truth.Level || !HsLevels.All.Contains(level))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"Truth {Truth} cannot be scored at level {level}.");
        }
        return Truth.Truncate(level);
    }

    /// <summary>
    /// A code coarser than the level (a subheading without national lines, scored at eight digits) stays whole: it is
    /// its own slot in the list and can never equal a finer truth.
    /// </summary>
    private static HsCode PrefixOf(HsCode code, int level) => code.Level >= level ? code.Truncate(level) : code;
}
