using HsActors.Classification.Hierarchy;
using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Fusion;

/// <summary>
/// Fuses the hierarchy's ranking with the nearest rows' votes at the chapter, heading and subheading levels. At each
/// level a candidate's prefix gets the blend (1 − w) × hierarchy + w × votes; candidates are ordered by the weighted sum
/// of their levels' blends, and report the blend at the ranking's own level as their probability (a mixture of two
/// distributions over codes, so it stays one).
/// </summary>
public static class RankFusion
{
    public static IReadOnlyList<CodeRecommendation> Fuse(ClassificationResult hierarchy, NeighbourVotes votes, FusionOptions options, int top, int level)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(options);
        var w = options.SemanticWeight;
        var mass = new Dictionary<HsCode, float>();
        foreach (var chapter in hierarchy.Chapters)
        {
            mass[chapter.Chapter] = chapter.Probability;
        }
        var candidates = new HashSet<HsCode>();
        foreach (var recommendation in hierarchy.Recommendations)
        {
            candidates.Add(recommendation.Code);
            mass[recommendation.Code] = mass.GetValueOrDefault(recommendation.Code) + recommendation.Probability;
            if (recommendation.Code.Level >= 6)
            {
                AddTo(mass, recommendation.Code.Truncate(4), recommendation.Probability);
                if (recommendation.Code.Level > 6)
                {
                    AddTo(mass, recommendation.Code.Truncate(6), recommendation.Probability);
                }
            }
        }
        foreach (var (code, _) in votes.At(level))
        {
            candidates.Add(code);
        }
        var scored = new List<(CodeRecommendation Code, float Score)>(candidates.Count);
        foreach (var code in candidates)
        {
            float Blend(HsCode prefix) => (1 - w) * mass.GetValueOrDefault(prefix) + w * votes.Mass(prefix);
            var score = options.ChapterWeight * Blend(code.Truncate(2));
            if (code.Level >= 4)
            {
                score += options.HeadingWeight * Blend(code.Truncate(4));
            }
            if (code.Level >= 6)
            {
                score += options.SubheadingWeight * Blend(code.Truncate(6));
            }
            if (code.Level > 6)
            {
                score += options.SubheadingWeight * Blend(code);
            }
            scored.Add((new CodeRecommendation(code, Math.Clamp(ReportedProbability(code, mass, votes, w), 0f, 1f)), score));
        }
        scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Code.Code.CompareTo(b.Code.Code));
        return [.. scored.Take(top).Select(s => s.Code)];
    }

    /// <summary>
    /// The blend at the code's own level. A national line takes the votes' share of its subheading split as the
    /// hierarchy splits it among the subheading's lines, or, where the hierarchy has none of them, as the votes do.
    /// </summary>
    private static float ReportedProbability(HsCode code, Dictionary<HsCode, float> mass, NeighbourVotes votes, float w)
    {
        var own = mass.GetValueOrDefault(code);
        if (code.Level <= 6)
        {
            return (1 - w) * own + w * votes.Mass(code);
        }
        var subheading = code.Truncate(6);
        var subheadingVotes = votes.Mass(subheading);
        var hierarchySubheading = mass.GetValueOrDefault(subheading);
        var share = hierarchySubheading > 0f ? own / hierarchySubheading
            : subheadingVotes > 0f ? votes.Mass(code) / subheadingVotes : 0f;
        return (1 - w) * own + w * subheadingVotes * share;
    }

    private static void AddTo(Dictionary<HsCode, float> mass, HsCode prefix, float p) => mass[prefix] = mass.GetValueOrDefault(prefix) + p;
}
