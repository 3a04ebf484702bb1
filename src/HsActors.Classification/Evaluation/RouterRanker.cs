using HsActors.Classification.Hierarchy;

namespace HsActors.Classification.Evaluation;

/// <summary>
/// Our router on its own, ranking chapters with its calibrated probabilities: the row an ML.NET chapter model is
/// compared with for the router's role (the hierarchy's own 2-digit figures also include the chapters' re-weighing).
/// </summary>
public sealed class RouterRanker(RouterModel router) : ITextRanker
{
    public IReadOnlyList<CodeRecommendation> Rank(string cleanedText, int depth)
    {
        var probabilities = new float[router.Chapters.Count];
        router.ChapterProbabilities(router.Featurizer.Featurize(cleanedText), probabilities);
        return ProbabilityRanking.Top(probabilities, router.Chapters, depth);
    }
}
