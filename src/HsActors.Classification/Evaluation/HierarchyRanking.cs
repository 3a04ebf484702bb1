using HsActors.Classification.Hierarchy;

namespace HsActors.Classification.Evaluation;

/// <summary>Ranks many descriptions with one classifier on all cores, in input order.</summary>
public static class HierarchyRanking
{
    public static IReadOnlyList<CodeRecommendation>[] RankAll(HierarchicalClassifier classifier, IReadOnlyList<string> descriptions,
        int depth, IProgress<int>? rowsDone = null)
    {
        var rankings = new IReadOnlyList<CodeRecommendation>[descriptions.Count];
        var done = 0;
        Parallel.For(0, descriptions.Count, i =>
        {
            rankings[i] = classifier.Classify(descriptions[i], depth).Recommendations;
            var n = Interlocked.Increment(ref done);
            if (n % 256 == 0 || n == descriptions.Count)
            {
                rowsDone?.Report(n);
            }
        });
        return rankings;
    }
}
