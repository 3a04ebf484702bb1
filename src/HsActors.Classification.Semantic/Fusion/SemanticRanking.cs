using HsActors.Classification.Hierarchy;

namespace HsActors.Classification.Semantic.Fusion;

/// <summary>The semantic stage alone: the codes the nearest rows vote for at the ranking's level, most voted first.</summary>
public static class SemanticRanking
{
    public static IReadOnlyList<CodeRecommendation> Rank(NeighbourVotes votes, int top, int level)
    {
        ArgumentNullException.ThrowIfNull(votes);
        return [.. votes.At(level).Take(top).Select(v => new CodeRecommendation(v.Key, v.Value))];
    }
}
