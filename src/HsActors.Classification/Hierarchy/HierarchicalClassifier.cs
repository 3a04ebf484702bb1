using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Hierarchy;

/// <summary>
/// Description → router → the chapter models of its most probable chapters → one ranking of unique codes.
/// Stateless apart from the models it reads, so one instance serves any number of concurrent callers.
/// </summary>
public sealed class HierarchicalClassifier(RouterModel router, IChapterModelSource chapters, HierarchyOptions options)
{
    public RouterModel Router { get; } = router;

    public IChapterModelSource Chapters { get; } = chapters;

    public HierarchyOptions Options { get; } = options;

    public ClassificationResult Classify(string description, int top)
    {
        var cleaned = Router.Featurizer.Clean(description);
        var features = Router.Featurizer.Featurize(cleaned);
        return new ClassificationResult(cleaned, Rank(features, top, out var chapterRanking), chapterRanking);
    }

    public IReadOnlyList<CodeRecommendation> Rank(in SparseVector features, int top, out IReadOnlyList<ChapterProbability> chapterRanking)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var chapterCount = Router.Chapters.Count;
        Span<float> probabilities = stackalloc float[chapterCount];
        Router.ChapterProbabilities(features, probabilities);
        Span<int> topChapters = stackalloc int[Math.Min(Options.ChaptersToExpand, chapterCount)];
        TopIndices.Select(probabilities, topChapters);

        var ranked = new List<CodeRecommendation>(64);
        var chaptersOut = new ChapterProbability[topChapters.Length];
        for (var i = 0; i < topChapters.Length; i++)
        {
            var chapter = Router.Chapters[topChapters[i]];
            var p = probabilities[topChapters[i]];
            chaptersOut[i] = new ChapterProbability(chapter, p);
            Chapters.Get(chapter)?.Rank(features, p, Options.SubheadingsToExpand, ranked);
        }
        chapterRanking = chaptersOut;
        return TopUnique(ranked, top);
    }

    /// <summary>
    /// The paper's post-processing: each code once, best first. A bounded insertion keeps only the best
    /// <paramref name="top"/> instead of sorting every candidate of every expanded chapter.
    /// </summary>
    private static CodeRecommendation[] TopUnique(List<CodeRecommendation> ranked, int top)
    {
        var best = new List<CodeRecommendation>(top + 1);
        foreach (var candidate in ranked)
        {
            if (best.Count == top && candidate.Probability <= best[^1].Probability)
            {
                continue;
            }
            var existing = best.FindIndex(b => b.Code == candidate.Code);
            if (existing >= 0)
            {
                if (best[existing].Probability >= candidate.Probability)
                {
                    continue;
                }
                best.RemoveAt(existing);
            }
            var at = best.FindIndex(b => b.Probability < candidate.Probability);
            best.Insert(at < 0 ? best.Count : at, candidate);
            if (best.Count > top)
            {
                best.RemoveAt(best.Count - 1);
            }
        }
        return [.. best];
    }
}
