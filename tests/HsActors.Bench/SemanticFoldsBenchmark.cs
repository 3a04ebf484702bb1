using HsActors.Classification.Evaluation;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Fusion;

namespace HsActors.Bench;

/// <summary>
/// The five-fold HMRC comparison with the semantic stage: on each fold of the grouped split (held out from both the
/// hierarchy and the index), the hierarchy alone, the nearest rows alone, the cascade and full fusion at the shipped
/// settings; per fold, then the mean and spread of top-1 at 6 digits and every fold's rows pooled.
/// </summary>
public static class SemanticFoldsBenchmark
{
    private static readonly string[] Stages = ["hierarchy alone", "semantic alone", "cascade (default)", "full fusion"];

    public static int Run(BenchOptions options)
    {
        Console.WriteLine($"machine: {MachineDescription.Current()}; load average {File.ReadAllText("/proc/loadavg").Trim()}; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        using var embedder = new SentenceEmbedder(new EncoderOptions { IntraOpThreads = Environment.ProcessorCount });
        var full = HeldOutFold.BundledIndex(options, embedder);
        var fusion = new FusionOptions();
        var pooled = Stages.Select(_ => new List<RankedCase>()).ToArray();
        var foldTop1 = Stages.Select(_ => new List<double>()).ToArray();
        for (var f = 0; f < HeldOutFold.Folds; f++)
        {
            var fold = HeldOutFold.Build(f, embedder, full, fusion.Neighbours);
            var votes = fold.Votes(fusion.Neighbours, fusion.Temperature);
            IReadOnlyList<CodeRecommendation>[][] rankings =
            [
                [.. fold.Hierarchy.Select(r => (IReadOnlyList<CodeRecommendation>)[.. r.Recommendations.Take(SemanticScores.Depth)])],
                [.. votes.Select(v => SemanticRanking.Rank(v, SemanticScores.Depth, HierarchicalClassifier.SubheadingLevel))],
                SemanticScores.Cascade(fold, votes, fusion, out _),
                [.. fold.Hierarchy.Select((r, i) => RankFusion.Fuse(r, votes[i], fusion, SemanticScores.Depth, HierarchicalClassifier.SubheadingLevel))],
            ];
            for (var s = 0; s < Stages.Length; s++)
            {
                var scores = fold.Score(rankings[s]);
                SemanticScores.Print($"  fold {f + 1}, {Stages[s]}", scores);
                foldTop1[s].Add(scores.At(6)!.Top1);
                pooled[s].AddRange(rankings[s].Select((r, i) => new RankedCase(fold.Rows[i].Code, r)));
            }
        }
        Console.WriteLine($"all {HeldOutFold.Folds} folds (fusion: {fusion.Neighbours} neighbours, temperature {fusion.Temperature}, semantic weight {fusion.SemanticWeight}, cascade below p {fusion.CascadeThreshold}):");
        for (var s = 0; s < Stages.Length; s++)
        {
            var mean = foldTop1[s].Average();
            var sd = Math.Sqrt(foldTop1[s].Sum(v => (v - mean) * (v - mean)) / (foldTop1[s].Count - 1));
            SemanticScores.Print($"{Stages[s]}, pooled; top-1 at 6 digits per fold {SemanticScores.Pct(mean)} ± {SemanticScores.Pct(sd)} %", RankingScorer.Score(pooled[s]));
        }
        return 0;
    }
}
