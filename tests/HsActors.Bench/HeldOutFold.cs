using HsActors.Classification.Evaluation;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Classification.Semantic.Index;
using HsActors.Classification.Training;
using HsActors.Corpus;
using HsActors.Nomenclature;
using HsActors.Text;

namespace HsActors.Bench;

/// <summary>
/// One fold of the grouped 5-fold split of the bundled HMRC references, held out from both stages: the hierarchy is
/// trained without its rows and the index searched without them. Each held-out row comes with the hierarchy's ranking
/// and its nearest index rows, so fusion settings can be scored on it without encoding again.
/// </summary>
public sealed class HeldOutFold
{
    private HeldOutFold(IReadOnlyList<LabeledDescription> rows, ClassificationResult[] hierarchy, Neighbour[][] neighbours)
    {
        Rows = rows;
        Hierarchy = hierarchy;
        Neighbours = neighbours;
    }

    public const int Folds = 5;

    public IReadOnlyList<LabeledDescription> Rows { get; }

    /// <summary>The hierarchy's ranking of each held-out row, <see cref="FusionOptions.HierarchyDepth"/> deep.</summary>
    public ClassificationResult[] Hierarchy { get; }

    /// <summary>Each held-out row's nearest index rows, most similar first.</summary>
    public Neighbour[][] Neighbours { get; }

    /// <summary>The bundled model's index, encoded first when its directory has none (minutes).</summary>
    public static SemanticIndex BundledIndex(BenchOptions options, SentenceEmbedder embedder)
    {
        BundledModel.EnsureSaved(options.ModelDirectory);
        return SemanticIndexDirectory.LoadOrBuild(options.ModelDirectory, embedder, Console.WriteLine);
    }

    /// <param name="fullIndex">The bundled corpus's index (its rows in <see cref="SemanticIndexBuilder.IndexRows"/> order).</param>
    public static HeldOutFold Build(int fold, SentenceEmbedder embedder, SemanticIndex fullIndex, int neighbours)
    {
        var training = new TrainingOptions();
        var hmrc = BundledCorpus.HmrcReferences();
        var pipeline = new CleansingPipeline(training.Cleansing);
        var folds = new GroupedKFold(Folds).Split([.. hmrc.Select(r => pipeline.Clean(r.Description))]);
        var heldOut = folds[fold].Select(i => hmrc[i]).ToArray();
        var heldOutSet = folds[fold].ToHashSet();
        var trainingRows = BundledCorpus.NomenclatureRows(HsNomenclature.Bundled).Concat(hmrc.Where((_, i) => !heldOutSet.Contains(i))).ToArray();
        Console.WriteLine($"fold {fold + 1} of {Folds}: {heldOut.Length:N0} HMRC references held out; training the hierarchy on the other {trainingRows.Length:N0} rows ...");
        var hierarchy = new HierarchicalTrainer(training).Train(trainingRows).ToClassifier(training.Hierarchy);
        var index = WithoutRows(fullIndex, SemanticIndexBuilder.IndexRows(BundledCorpus.All(HsNomenclature.Bundled)), heldOut);
        Console.WriteLine($"  index without the held-out rows: {index.Count:N0} of {fullIndex.Count:N0} rows");
        var queries = new float[heldOut.Length * embedder.Dimensions];
        embedder.EmbedQueries([.. heldOut.Select(r => r.Description)], queries);
        var found = new Neighbour[heldOut.Length][];
        var results = new ClassificationResult[heldOut.Length];
        var depth = new FusionOptions().HierarchyDepth;
        Parallel.For(0, heldOut.Length, i =>
        {
            var buffer = new Neighbour[neighbours];
            var count = index.Search(queries.AsSpan(i * embedder.Dimensions, embedder.Dimensions), buffer);
            found[i] = buffer[..count];
            results[i] = hierarchy.Classify(heldOut[i].Description, depth, HierarchicalClassifier.SubheadingLevel);
        });
        return new HeldOutFold(heldOut, results, found);
    }

    /// <summary>Each row's votes from its first <paramref name="neighbours"/> nearest rows.</summary>
    public NeighbourVotes[] Votes(int neighbours, float temperature) =>
        [.. Neighbours.Select(n => new NeighbourVotes(n.AsSpan(0, Math.Min(neighbours, n.Length)), temperature))];

    public EvaluationScores Score(IEnumerable<IReadOnlyList<CodeRecommendation>> rankings) =>
        RankingScorer.Score([.. rankings.Select((r, i) => new RankedCase(Rows[i].Code, r))]);

    /// <summary>The index less the rows that are held-out descriptions.</summary>
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
