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

        // Best first, chapters by P(chapter), then each chapter's best subheadings by P(chapter) × P(subheading | chapter).
        // No code is more probable than its subheading or its chapter, so once the top-th best code found so far beats
        // them, neither their subheading scores nor their line models need to be computed: the ranking is the same.
        var ranked = new List<CodeRecommendation>(64);
        var perChapter = Math.Max(1, Options.SubheadingsToExpand);
        Span<int> best = stackalloc int[perChapter];
        Span<float> bestP = stackalloc float[perChapter];
        Span<float> bound = stackalloc float[top];
        var bounded = 0;
        var chaptersOut = new ChapterProbability[topChapters.Length];
        for (var i = 0; i < topChapters.Length; i++)
        {
            var chapter = Router.Chapters[topChapters[i]];
            var p = probabilities[topChapters[i]];
            chaptersOut[i] = new ChapterProbability(chapter, p);
            if (bounded == top && p < bound[top - 1] || Chapters.Get(chapter) is not { } model)
            {
                continue;
            }
            var count = model.BestSubheadings(features, p, best, bestP);
            for (var j = 0; j < count && !(bounded == top && bestP[j] < bound[top - 1]); j++)
            {
                var before = ranked.Count;
                model.AddLines(best[j], features, bestP[j], ranked);
                for (var r = before; r < ranked.Count; r++)
                {
                    bounded = InsertBound(bound, bounded, ranked[r].Probability);
                }
            }
        }
        chapterRanking = chaptersOut;
        return TopUnique(ranked, top);
    }

    /// <summary>Keeps <paramref name="bound"/> as the largest probabilities seen, descending; returns how many it holds.</summary>
    private static int InsertBound(Span<float> bound, int count, float probability)
    {
        if (count == bound.Length && probability <= bound[^1])
        {
            return count;
        }
        var at = Math.Min(count, bound.Length - 1);
        while (at > 0 && bound[at - 1] < probability)
        {
            bound[at] = bound[at - 1];
            at--;
        }
        bound[at] = probability;
        return Math.Min(count + 1, bound.Length);
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
