using System.Diagnostics;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.Importers;
using HsActors.Corpus;

namespace HsActors.Classification.Evaluation;

/// <summary>
/// Measures the importer-history boost as the silo applies it: declarations are replayed in date order, each ranked
/// with the history of its importer's earlier declarations only (never its own or later ones), then counted into that
/// history. The model alone is scored on the same rows, so the gain or loss of each weight is read off directly.
/// </summary>
public static class ImporterHistoryEvaluator
{
    public static ImporterHistoryEvaluation Evaluate(HierarchicalClassifier classifier, IReadOnlyList<LabeledDescription> rows,
        IReadOnlyList<double> weights, int rankingDepth = 10, IProgress<EvaluationProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0 || weights.Any(w => !double.IsFinite(w) || w <= 0))
        {
            throw new ArgumentException("Give at least one re-ranking weight, each a positive number.", nameof(weights));
        }
        var replay = rows
            .Select((row, index) => (Row: row, Index: index))
            .Where(r => !string.IsNullOrWhiteSpace(r.Row.ImporterId))
            .OrderBy(r => r.Row.DeclaredOn ?? DateOnly.MaxValue)
            .ThenBy(r => r.Index)
            .Select(r => r.Row)
            .ToArray();
        if (replay.Length == 0)
        {
            throw new ArgumentException("No row names an importer: the re-ranking has no history to use.", nameof(rows));
        }
        var clock = Stopwatch.StartNew();
        var level = HierarchyRanking.LevelFor(replay.Select(r => r.Code));
        var alone = HierarchyRanking.RankAll(classifier, [.. replay.Select(r => r.Description)], rankingDepth, level, RowsDone(progress, "model alone", replay.Length));
        var baseline = new ModelEvaluation("model alone", Score(replay, alone), [], TimeSpan.Zero, clock.Elapsed);

        // Each weight replays the declarations on its own: the history at a line depends on the lines before it only.
        var replayed = new ModelEvaluation[weights.Count];
        var done = 0;
        Parallel.For(0, weights.Count, w =>
        {
            var weightClock = Stopwatch.StartNew();
            var rankings = Replay(classifier, replay, weights[w], rankingDepth, level,
                () => { var n = Interlocked.Increment(ref done); if (n % 256 == 0) { progress?.Report(new EvaluationProgress(0, 0, "replaying with importer history", n, replay.Length * weights.Count)); } });
            replayed[w] = new ModelEvaluation($"importer history, weight {weights[w]:0.###}", Score(replay, rankings), [], TimeSpan.Zero, weightClock.Elapsed);
        });
        // A line has history when its importer declared before it: the first line of each importer has none.
        var importers = replay.Select(r => r.ImporterId).Distinct(StringComparer.Ordinal).Count();
        return new ImporterHistoryEvaluation([baseline, .. replayed], replay.Length, replay.Length - importers, importers);
    }

    private static IReadOnlyList<CodeRecommendation>[] Replay(HierarchicalClassifier classifier, LabeledDescription[] replay, double weight,
        int rankingDepth, int level, Action lineDone)
    {
        var featurizer = classifier.Router.Featurizer;
        var histories = new Dictionary<string, ImporterCodeTally>(StringComparer.Ordinal);
        var rankings = new IReadOnlyList<CodeRecommendation>[replay.Length];
        for (var i = 0; i < replay.Length; i++)
        {
            var row = replay[i];
            if (!histories.TryGetValue(row.ImporterId!, out var history))
            {
                histories[row.ImporterId!] = history = new ImporterCodeTally();
            }
            // As the silo does: no history, no boost.
            var boost = history.CodedDeclarations > 0 ? new ImporterHistoryBoost(weight, history) : null;
            rankings[i] = classifier.Rank(featurizer.Featurize(featurizer.Clean(row.Description)), rankingDepth, out _, level, boost);
            history.Add(row.Code);
            lineDone();
        }
        return rankings;
    }

    private static EvaluationScores Score(LabeledDescription[] rows, IReadOnlyList<IReadOnlyList<CodeRecommendation>> rankings) =>
        RankingScorer.Score([.. rows.Select((r, i) => new RankedCase(r.Code, rankings[i]))]);

    private static SynchronousProgress<int>? RowsDone(IProgress<EvaluationProgress>? progress, string stage, int total) =>
        progress is null ? null : new SynchronousProgress<int>(n => progress.Report(new EvaluationProgress(0, 0, stage, n, total)));
}

/// <summary>The model alone first, then one evaluation per weight; all over the same replayed rows.</summary>
public sealed record ImporterHistoryEvaluation(IReadOnlyList<ModelEvaluation> Models, int Rows, int RowsWithHistory, int Importers);
