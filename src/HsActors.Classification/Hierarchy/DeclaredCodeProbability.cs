using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Hierarchy;

/// <summary>The probability the hierarchy gives a declared code, whether or not its ranking reached that code.</summary>
public static class DeclaredCodeProbability
{
    /// <summary>
    /// P(declared): its chapter's probability (as the ranking weighed it when the chapter was consulted, the router's
    /// otherwise) times the chapter model's probability of the codes under it. Computed for the declared chapter even
    /// when the ranking did not consult it; 0 for a chapter without a model.
    /// </summary>
    public static double Of(HsCode declared, IReadOnlyList<ChapterProbability> consulted, RouterModel router,
        IChapterModelSource chapters, in SparseVector features)
    {
        var chapterIndex = -1;
        for (var i = 0; i < router.Chapters.Count; i++)
        {
            if (router.Chapters[i] == declared.Chapter)
            {
                chapterIndex = i;
                break;
            }
        }
        if (chapterIndex < 0 || chapters.Get(declared.Chapter) is not { } chapter)
        {
            return 0.0;
        }
        var chapterProbability = ConsultedProbability(consulted, declared.Chapter) ?? RouterProbability(router, features, chapterIndex);
        var codes = new List<CodeRecommendation>(64);
        chapter.Rank(features, chapterProbability, codes);
        var sum = 0.0;
        foreach (var code in codes)
        {
            if (code.Code.StartsWith(declared))
            {
                sum += code.Probability;
            }
        }
        return Math.Clamp(sum, 0.0, 1.0);
    }

    /// <summary>True when the ranking's first code falls under the declared code.</summary>
    public static bool IsTopRecommendation(HsCode declared, IReadOnlyList<CodeRecommendation> ranked) =>
        ranked.Count > 0 && ranked[0].Code.Level >= declared.Level && ranked[0].Code.Truncate(declared.Level) == declared;

    private static float? ConsultedProbability(IReadOnlyList<ChapterProbability> consulted, HsCode chapter)
    {
        foreach (var c in consulted)
        {
            if (c.Chapter == chapter)
            {
                return c.Probability;
            }
        }
        return null;
    }

    private static float RouterProbability(RouterModel router, in SparseVector features, int chapterIndex)
    {
        Span<float> probabilities = stackalloc float[router.Chapters.Count];
        router.ChapterProbabilities(features, probabilities);
        return probabilities[chapterIndex];
    }
}
