using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Fusion;

namespace HsActors.Bench;

/// <summary>
/// Chooses the fusion's settings on held-out data that is not the dev set: fold 1 of the grouped 5-fold split of the
/// bundled HMRC references (<see cref="HeldOutFold"/>). A small grid of neighbour counts, temperatures, weights and
/// cascade thresholds is scored on it.
/// </summary>
public static class SemanticTuneBenchmark
{
    private static readonly int[] NeighbourCounts = [10, 20, 40];
    private static readonly float[] Temperatures = [0.02f, 0.05f, 0.1f];
    private static readonly float[] Weights = [0.2f, 0.35f, 0.5f, 0.7f];
    private static readonly (float Chapter, float Heading, float Subheading)[] LevelWeights = [(1, 1, 1), (0, 0, 1), (0.5f, 1, 2), (1, 1, 0.5f)];
    private static readonly float[] Thresholds = [0.2f, 0.3f, 0.4f, 0.5f, 0.7f, 2f];

    public static int Run(BenchOptions options)
    {
        Console.WriteLine($"machine: {MachineDescription.Current()}; load average {File.ReadAllText("/proc/loadavg").Trim()}; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        using var embedder = new SentenceEmbedder(new EncoderOptions { IntraOpThreads = Environment.ProcessorCount });
        var full = HeldOutFold.BundledIndex(options, embedder);
        var fold = HeldOutFold.Build(0, embedder, full, NeighbourCounts.Max());
        SemanticScores.Print("hierarchy alone", fold.Score(fold.Hierarchy.Select(r => r.Recommendations.Take(10).ToArray())));

        var best = (Objective: double.MinValue, Options: new FusionOptions());
        foreach (var k in NeighbourCounts)
        {
            foreach (var t in Temperatures)
            {
                var votes = fold.Votes(k, t);
                if (t == Temperatures[1])
                {
                    SemanticScores.Print($"semantic alone, k {k}", fold.Score(votes.Select(v => SemanticRanking.Rank(v, 10, 6))));
                }
                foreach (var w in Weights)
                {
                    foreach (var (c, h, s) in LevelWeights)
                    {
                        var fusion = new FusionOptions { Neighbours = k, Temperature = t, SemanticWeight = w, ChapterWeight = c, HeadingWeight = h, SubheadingWeight = s };
                        var objective = SemanticScores.Objective(fold.Score(fold.Hierarchy.Select((r, i) => RankFusion.Fuse(r, votes[i], fusion, 10, 6))));
                        if (objective > best.Objective)
                        {
                            best = (objective, fusion);
                        }
                    }
                }
            }
        }
        var chosen = best.Options;
        Console.WriteLine($"best on the held-out rows: {chosen.Neighbours} neighbours, temperature {chosen.Temperature}, semantic weight {chosen.SemanticWeight}, level weights {chosen.ChapterWeight} / {chosen.HeadingWeight} / {chosen.SubheadingWeight}");
        var chosenVotes = fold.Votes(chosen.Neighbours, chosen.Temperature);
        foreach (var threshold in Thresholds)
        {
            var cascade = SemanticScores.Cascade(fold, chosenVotes, chosen with { CascadeThreshold = threshold }, out var consulted);
            SemanticScores.Print($"cascade below p {threshold} (encoder for {consulted * 100.0 / fold.Rows.Count:F1} % of lines)", fold.Score(cascade));
        }
        return 0;
    }
}
