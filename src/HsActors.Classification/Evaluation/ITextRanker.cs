using HsActors.Classification.Hierarchy;

namespace HsActors.Classification.Evaluation;

/// <summary>A trained <see cref="ITextBaseline"/>: ranks one cleansed description's codes, best first, with probabilities.</summary>
public interface ITextRanker
{
    IReadOnlyList<CodeRecommendation> Rank(string cleanedText, int depth);
}
