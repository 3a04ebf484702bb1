using System.Diagnostics;
using HsActors.Classification.Hierarchy;
using HsActors.Corpus;

namespace HsActors.Classification.Evaluation;

/// <summary>Scores an already trained hierarchy on labelled declarations it was not trained on.</summary>
public static class ModelEvaluator
{
    public static ModelEvaluation Evaluate(string modelName, HierarchicalClassifier classifier, IReadOnlyList<LabeledDescription> rows,
        int rankingDepth = 10, IProgress<EvaluationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("There are no labelled rows to evaluate on.", nameof(rows));
        }
        var clock = Stopwatch.StartNew();
        var rankings = HierarchyRanking.RankAll(classifier, [.. rows.Select(r => r.Description)], rankingDepth,
            HierarchyRanking.LevelFor(rows.Select(r => r.Code)),
            progress is null ? null : new SynchronousProgress<int>(n => progress.Report(new EvaluationProgress(0, 0, "ranking", n, rows.Count))));
        var elapsed = clock.Elapsed;
        var cases = rows.Select((r, i) => new RankedCase(r.Code, rankings[i])).ToArray();
        return new ModelEvaluation(modelName, RankingScorer.Score(cases), [], TimeSpan.Zero, elapsed);
    }
}
