using HsActors.Classification.Hierarchy;

namespace HsActors.Classification.Evaluation;

/// <summary>Ranks many descriptions with one classifier on all cores, in input order.</summary>
/// <remarks>
/// Test labels of at most 6 digits are ranked against subheadings: at 8 digits, one subheading's national lines would
/// take several places of a short list that a 6-digit truth can only match once (the flat baselines rank 6-digit codes).
/// </remarks>
public static class HierarchyRanking
{
    public static IReadOnlyList<CodeRecommendation>[] RankAll(HierarchicalClassifier classifier, IReadOnlyList<string> descriptions,
        int depth, int level, IProgress<int>? rowsDone = null)
    {
        var rankings = new IReadOnlyList<CodeRecommendation>[descriptions.Count];
        var done = 0;
        Parallel.For(0, descriptions.Count, i =>
        {
            rankings[i] = classifier.Classify(descriptions[i], depth, level).Recommendations;
            var n = Interlocked.Increment(ref done);
            if (n % 256 == 0 || n == descriptions.Count)
            {
                rowsDone?.Report(n);
            }
        });
        return rankings;
    }

    /// <summary>The level to rank at for these truths: national lines when any truth has 8 or more digits, else subheadings.</summary>
    public static int LevelFor(IEnumerable<Nomenclature.HsCode> truths) =>
        truths.Any(t => t.Level >= HierarchicalClassifier.NationalLevel) ? HierarchicalClassifier.NationalLevel : HierarchicalClassifier.SubheadingLevel;
}
