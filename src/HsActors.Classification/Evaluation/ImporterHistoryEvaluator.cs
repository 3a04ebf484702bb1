using System.Diagnostics;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.Importers;
using HsActors.Corpus;

namespace HsActors.Classification.Evaluation;

/// <summary>
/// Measures the importer-history re-ranking as the silo would apply it: declarations are replayed in date order, each
/// ranked with the history of its importer's earlier declarations only (never its own or later ones), then counted into
/// that history. The model alone is scored on the same rows, so the gain or loss of each weight is read off directly.
/// </summary>
public static class ImporterHistoryEvaluator
{
    /// <summary>Extra candidates the re-ranking may lift into the top, as the silo's default.</summary>
    public const int Candidates = 20;

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
        var descriptions = replay.Select(r => r.Description).ToArray();
        var level = HierarchyRanking.LevelFor(replay.Select(r => r.Code));
        var alone = HierarchyRanking.RankAll(classifier, descriptions, rankingDepth, level, RowsDone(progress, "ranking", replay.Length));
        var deeper = HierarchyRanking.RankAll(classifier, descriptions, rankingDepth + Candidates, level, RowsDone(progress, "ranking with candidates", replay.Length));
        var elapsed = clock.Elapsed;

        var rerankers = weights.Select(w => new ImporterHistoryReranker(w)).ToArray();
        var cases = rerankers.Select(_ => new RankedCase[replay.Length]).ToArray();
        var histories = new Dictionary<string, ImporterCodeTally>(StringComparer.Ordinal);
        var withHistory = 0;
        for (var i = 0; i < replay.Length; i++)
        {
            var row = replay[i];
            if (!histories.TryGetValue(row.ImporterId!, out var history))
            {
                histories[row.ImporterId!] = history = new ImporterCodeTally();
            }
            withHistory += history.CodedDeclarations > 0 ? 1 : 0;
            for (var w = 0; w < rerankers.Length; w++)
            {
                // Without history the silo does not re-rank: the line gets the model's own ranking.
                var ranking = history.CodedDeclarations > 0 ? rerankers[w].Rerank(deeper[i], history, rankingDepth) : alone[i];
                cases[w][i] = new RankedCase(row.Code, ranking);
            }
            history.Add(row.Code);
        }

        var baseline = new ModelEvaluation("model alone", RankingScorer.Score([.. replay.Select((r, i) => new RankedCase(r.Code, alone[i]))]), [], TimeSpan.Zero, elapsed);
        var reranked = rerankers.Select((r, w) => new ModelEvaluation($"importer history, weight {r.Weight:0.###}", RankingScorer.Score(cases[w]), [], TimeSpan.Zero, elapsed));
        return new ImporterHistoryEvaluation([baseline, .. reranked], replay.Length, withHistory, histories.Count);
    }

    private static SynchronousProgress<int>? RowsDone(IProgress<EvaluationProgress>? progress, string stage, int total) =>
        progress is null ? null : new SynchronousProgress<int>(n => progress.Report(new EvaluationProgress(0, 0, stage, n, total)));
}

/// <summary>The model alone first, then one evaluation per weight; all over the same replayed rows.</summary>
public sealed record ImporterHistoryEvaluation(IReadOnlyList<ModelEvaluation> Models, int Rows, int RowsWithHistory, int Importers);
