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
        var topChapters = TopIndices(probabilities, Math.Min(Options.ChaptersToExpand, chapterCount));

        var ranked = new List<CodeRecommendation>(64);
        var chaptersOut = new ChapterProbability[topChapters.Length];
        for (var i = 0; i < topChapters.Length; i++)
        {
            var chapter = Router.Chapters[topChapters[i]];
            var p = probabilities[topChapters[i]];
            chaptersOut[i] = new ChapterProbability(chapter, p);
            Chapters.Get(chapter)?.Rank(features, p, ranked);
        }
        chapterRanking = chaptersOut;
        return TopUnique(ranked, top);
    }

    /// <summary>The paper's post-processing: each code once, best first.</summary>
    private static CodeRecommendation[] TopUnique(List<CodeRecommendation> ranked, int top)
    {
        ranked.Sort(static (a, b) => b.Probability.CompareTo(a.Probability));
        var result = new List<CodeRecommendation>(top);
        var seen = new HashSet<HsCode>();
        foreach (var candidate in ranked)
        {
            if (seen.Add(candidate.Code))
            {
                result.Add(candidate);
                if (result.Count == top)
                {
                    break;
                }
            }
        }
        return [.. result];
    }

    private static int[] TopIndices(ReadOnlySpan<float> values, int k)
    {
        var best = new int[k];
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (count < k)
            {
                best[count++] = i;
            }
            else if (values[i] > values[best[k - 1]])
            {
                best[k - 1] = i;
            }
            else
            {
                continue;
            }
            for (var j = count - 1; j > 0 && values[best[j]] > values[best[j - 1]]; j--)
            {
                (best[j], best[j - 1]) = (best[j - 1], best[j]);
            }
        }
        return best;
    }
}
