using HsActors.Classification.Evaluation;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.Semantic;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Classification.Semantic.Index;
using HsActors.Classification.Training;
using HsActors.Corpus;
using HsActors.Nomenclature;
using HsActors.Text;

namespace HsActors.Bench;

/// <summary>
/// Chooses the fusion's settings on held-out data that is not the dev set: fold 1 of the grouped 5-fold split of the
/// bundled HMRC references. The hierarchy is trained without those rows and the index is searched without them, then a
/// small grid of neighbour counts, temperatures, weights and cascade thresholds is scored on them.
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
        BundledModel.EnsureSaved(options.ModelDirectory);
        var training = new TrainingOptions();
        var hmrc = BundledCorpus.HmrcReferences();
        var pipeline = new CleansingPipeline(training.Cleansing);
        var folds = new GroupedKFold(5).Split([.. hmrc.Select(r => pipeline.Clean(r.Description))]);
        var heldOut = folds[0].Select(i => hmrc[i]).ToArray();
        var heldOutSet = folds[0].ToHashSet();
        var trainingRows = BundledCorpus.NomenclatureRows(HsNomenclature.Bundled).Concat(hmrc.Where((_, i) => !heldOutSet.Contains(i))).ToArray();
        Console.WriteLine($"held out: {heldOut.Length:N0} HMRC references (fold 1 of 5); training the hierarchy on the other {trainingRows.Length:N0} rows ...");
        var hierarchy = new HierarchicalTrainer(training).Train(trainingRows).ToClassifier(training.Hierarchy);

        using var embedder = new SentenceEmbedder(new EncoderOptions { IntraOpThreads = Environment.ProcessorCount });
        var full = SemanticIndexDirectory.LoadOrBuild(options.ModelDirectory, embedder, Console.WriteLine);
        var index = WithoutRows(full, SemanticIndexBuilder.IndexRows(BundledCorpus.All(HsNomenclature.Bundled)), heldOut);
        Console.WriteLine($"index without the held-out rows: {index.Count:N0} of {full.Count:N0} rows");
        var queries = new float[heldOut.Length * embedder.Dimensions];
        embedder.Embed([.. heldOut.Select(r => r.Description)], queries);
        var maxK = NeighbourCounts.Max();
        var neighbours = new Neighbour[heldOut.Length][];
        var results = new ClassificationResult[heldOut.Length];
        Parallel.For(0, heldOut.Length, i =>
        {
            var buffer = new Neighbour[maxK];
            var found = index.Search(queries.AsSpan(i * embedder.Dimensions, embedder.Dimensions), buffer);
            neighbours[i] = buffer[..found];
            results[i] = hierarchy.Classify(heldOut[i].Description, new FusionOptions().HierarchyDepth, HierarchicalClassifier.SubheadingLevel);
        });
        Print("hierarchy alone", Score(heldOut, results.Select(r => r.Recommendations.Take(10).ToArray())));

        var best = (Objective: double.MinValue, Options: new FusionOptions());
        foreach (var k in NeighbourCounts)
        {
            foreach (var t in Temperatures)
            {
                var votes = neighbours.Select(n => new NeighbourVotes(n.AsSpan(0, Math.Min(k, n.Length)), t)).ToArray();
                if (t == Temperatures[1])
                {
                    Print($"semantic alone, k {k}", Score(heldOut, votes.Select(v => SemanticRanking.Rank(v, 10, 6))));
                }
                foreach (var w in Weights)
                {
                    foreach (var (c, h, s) in LevelWeights)
                    {
                        var fusion = new FusionOptions { Neighbours = k, Temperature = t, SemanticWeight = w, ChapterWeight = c, HeadingWeight = h, SubheadingWeight = s };
                        var scores = Score(heldOut, results.Select((r, i) => RankFusion.Fuse(r, votes[i], fusion, 10, 6)));
                        var objective = Objective(scores);
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
        var chosenVotes = neighbours.Select(n => new NeighbourVotes(n.AsSpan(0, Math.Min(chosen.Neighbours, n.Length)), chosen.Temperature)).ToArray();
        foreach (var threshold in Thresholds)
        {
            var consulted = 0;
            var rankings = results.Select((r, i) =>
            {
                if (r.Recommendations.Count > 0 && r.Recommendations[0].Probability >= threshold)
                {
                    return r.Recommendations.Take(10).ToArray();
                }
                Interlocked.Increment(ref consulted);
                return RankFusion.Fuse(r, chosenVotes[i], chosen, 10, 6);
            }).ToArray();
            Print($"cascade below p {threshold} (encoder for {consulted * 100.0 / heldOut.Length:F1} % of lines)", Score(heldOut, rankings));
        }
        return 0;
    }

    /// <summary>Mean of top-1 at 2, 4 and 6 digits and top-5 at 6: the goals' figures, equally weighted.</summary>
    private static double Objective(EvaluationScores scores) =>
        (scores.At(2)!.Top1 + scores.At(4)!.Top1 + scores.At(6)!.Top1 + scores.At(6)!.Top5) / 4;

    private static EvaluationScores Score(IReadOnlyList<LabeledDescription> rows, IEnumerable<IReadOnlyList<CodeRecommendation>> rankings) =>
        RankingScorer.Score([.. rankings.Select((r, i) => new RankedCase(rows[i].Code, r))]);

    private static void Print(string what, EvaluationScores s) =>
        Console.WriteLine($"{what}: top-1 / top-5 at 2, 4, 6 digits {Pct(s.At(2)!.Top1)} / {Pct(s.At(2)!.Top5)}, {Pct(s.At(4)!.Top1)} / {Pct(s.At(4)!.Top5)}, {Pct(s.At(6)!.Top1)} / {Pct(s.At(6)!.Top5)} %; ECE {s.Calibration.ExpectedCalibrationError:F3}");

    private static string Pct(double v) => (v * 100).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The index less the rows that are held-out descriptions (its rows are in <see cref="SemanticIndexBuilder.IndexRows"/> order).</summary>
    private static SemanticIndex WithoutRows(SemanticIndex index, IReadOnlyList<LabeledDescription> indexRows, IReadOnlyList<LabeledDescription> heldOut)
    {
        var excluded = heldOut.Select(r => (r.Description.Trim(), r.Code.AtMostNationalLine())).ToHashSet();
        var segment = index.Segments[0];
        if (segment.Count != indexRows.Count)
        {
            throw new InvalidOperationException($"The saved index has {segment.Count} rows where the bundled corpus gives {indexRows.Count}; delete it to rebuild.");
        }
        var d = index.Dimensions;
        var keep = Enumerable.Range(0, indexRows.Count).Where(i => !excluded.Contains((indexRows[i].Description.Trim(), indexRows[i].Code.AtMostNationalLine()))).ToArray();
        var vectors = new sbyte[keep.Length * d];
        for (var j = 0; j < keep.Length; j++)
        {
            segment.Vectors.Slice(keep[j] * d, d).CopyTo(vectors.AsSpan(j * d, d));
        }
        var codes = keep.Select(i => segment.Codes[i]).ToArray();
        var scales = keep.Select(i => segment.Scales[i]).ToArray();
        return new SemanticIndex(index.EncoderId, d, [new EmbeddingSegment(d, codes, scales, vectors)]);
    }
}
