using System.Diagnostics;
using HsActors.Classification.Hierarchy;
using HsActors.Corpus;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Training;

/// <summary>Trains the router and every chapter model from labelled descriptions.</summary>
public sealed class HierarchicalTrainer(TrainingOptions options, IProgress<TrainingProgress>? progress = null)
{
    public TrainingOptions Options { get; } = options;

    public TrainedModelSet Train(IReadOnlyList<LabeledDescription> rows)
    {
        var clock = Stopwatch.StartNew();
        var featurizer = FitFeaturizer(rows, out var featurized, out var empty);
        var router = TrainRouter(featurizer, featurized);
        var chapters = TrainChapters(featurized, out var subT, out var lineT);
        var summary = new TrainingSummary(
            featurized.Count, empty, featurizer.Vectorizer.FeatureCount, chapters.Count,
            chapters.Sum(c => c.Subheadings.Count), chapters.Sum(c => c.NationalLines.Count),
            router.Calibration.Temperature, subT, lineT, clock.Elapsed, DateTimeOffset.UtcNow);
        return new TrainedModelSet(router, chapters, summary);
    }

    /// <summary>Cleanses every row, fits TF-IDF on the result and vectorizes; rows that cleanse to nothing are dropped.</summary>
    public DescriptionFeaturizer FitFeaturizer(IReadOnlyList<LabeledDescription> rows, out FeaturizedRows featurized, out int emptyAfterCleansing)
    {
        progress?.Report(new TrainingProgress("cleansing", 0, rows.Count));
        var pipeline = new Text.CleansingPipeline(Options.Cleansing);
        var cleaned = rows.AsParallel().AsOrdered().Select(r => pipeline.Clean(r.Description)).ToArray();
        var keep = Enumerable.Range(0, rows.Count).Where(i => cleaned[i].Length > 0).ToArray();
        emptyAfterCleansing = rows.Count - keep.Length;

        progress?.Report(new TrainingProgress("features", 0, keep.Length));
        var vectorizer = TfIdfVectorizer.Fit(keep.Select(i => cleaned[i]), Options.Features);
        var featurizer = new DescriptionFeaturizer(Options.Cleansing, vectorizer);
        var holdOutCut = (uint)(Options.CalibrationHoldout * uint.MaxValue);
        featurized = new FeaturizedRows(
            keep.AsParallel().AsOrdered().Select(i => vectorizer.Transform(cleaned[i])).ToArray(),
            [.. keep.Select(i => rows[i].Code)],
            [.. keep.Select(i => Options.WeightOf(rows[i]))],
            [.. keep.Select(i => Options.CalibrationHoldout > 0 && StableHash.Of(cleaned[i]) < holdOutCut)],
            [.. keep.Select(i => DescriptionSources.IsNomenclature(rows[i].Source))]);
        progress?.Report(new TrainingProgress("features", keep.Length, keep.Length));
        return featurizer;
    }

    public RouterModel TrainRouter(DescriptionFeaturizer featurizer, FeaturizedRows rows)
    {
        var chapters = new LabelIndex(rows.Codes.Select(c => c.Chapter));
        var labels = rows.Codes.Select(c => chapters.IdOf(c.Chapter)).ToArray();
        var featureCount = featurizer.Vectorizer.FeatureCount;
        var temperature = 1.0;
        if (rows.HeldOut.Any(h => h))
        {
            progress?.Report(new TrainingProgress("router calibration", 0, chapters.Count));
            var train = Enumerable.Range(0, rows.Count).Where(i => !rows.HeldOut[i]).ToArray();
            var trainVectors = train.Select(i => rows.Vectors[i]).ToArray();
            var trainLabels = train.Select(i => labels[i]).ToArray();
            var trainWeights = train.Select(i => rows.Weights[i]).ToArray();
            var draft = new RouterModel(featurizer, chapters.Codes,
                LinearSvcTrainer.Train(trainVectors, trainLabels, chapters.Count, featureCount, Options.RouterSvm, trainWeights).Model,
                SoftmaxCalibration.Identity, SecondOpinion(trainVectors, trainLabels, trainWeights, chapters.Count, featureCount));
            var heldOut = new HeldOutScores();
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows.HeldOut[i])
                {
                    var scores = new float[chapters.Count];
                    draft.Scores(rows.Vectors[i], scores);
                    heldOut.Add(scores, labels[i], !rows.FromNomenclature[i]);
                }
            }
            temperature = heldOut.FitTemperature();
        }
        var done = 0;
        // Reported on the training threads themselves: Progress<T> would post each report to the thread pool, where it can
        // arrive after training has returned and its caller has closed the output it writes to (it crashed a test host).
        var classProgress = progress is null ? null : new Evaluation.SynchronousProgress<int>(_ =>
            progress.Report(new TrainingProgress("router", Interlocked.Increment(ref done), chapters.Count)));
        var model = LinearSvcTrainer.Train(rows.Vectors, labels, chapters.Count, featureCount, Options.RouterSvm, rows.Weights, classesDone: classProgress).Model;
        return new RouterModel(featurizer, chapters.Codes, model, new SoftmaxCalibration(temperature),
            SecondOpinion(rows.Vectors, labels, rows.Weights, chapters.Count, featureCount));
    }

    private RouterSecondOpinion? SecondOpinion(SparseVector[] vectors, int[] labels, float[] weights, int chapterCount, int featureCount) =>
        Options.RouterNaiveBayesWeight > 0
            ? new RouterSecondOpinion(
                MultinomialNaiveBayesTrainer.TrainSparse(vectors, labels, chapterCount, featureCount, Options.RouterNaiveBayesAlpha, weights),
                Options.RouterNaiveBayesWeight)
            : null;

    public IReadOnlyList<ChapterModel> TrainChapters(FeaturizedRows rows, out double subheadingTemperature, out double nationalLineTemperature)
    {
        var byChapter = Enumerable.Range(0, rows.Count)
            .Where(i => rows.Codes[i].Level >= 6)
            .GroupBy(i => rows.Codes[i].Chapter)
            .OrderByDescending(g => g.Count()) // the largest chapters first keeps both cores busy to the end
            .ToArray();
        var calibrate = rows.HeldOut.Any(h => h);
        var subHeldOut = calibrate ? new HeldOutScores() : null;
        var lineHeldOut = calibrate ? new HeldOutScores() : null;
        var trainer = new ChapterTrainer(Options.ChapterSvm with { MaxDegreeOfParallelism = 1 });
        var models = new ChapterModel[byChapter.Length];
        var done = 0;
        Parallel.For(0, byChapter.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            models[c] = trainer.Train(byChapter[c].Key, rows.Select([.. byChapter[c]]), subHeldOut, lineHeldOut);
            progress?.Report(new TrainingProgress("chapters", Interlocked.Increment(ref done), byChapter.Length));
        });
        subheadingTemperature = subHeldOut?.FitTemperature() ?? 1.0;
        // Without held-out 8-digit descriptions of goods (the bundled corpus has none: its national lines exist only as
        // nomenclature labels) the line layer borrows the subheading layer's temperature: same learner, same margins.
        nationalLineTemperature = lineHeldOut is { Count: > 0 } ? lineHeldOut.FitTemperature() : subheadingTemperature;
        var sub = new SoftmaxCalibration(subheadingTemperature);
        var line = new SoftmaxCalibration(nationalLineTemperature);
        return [.. models.Select(m => m.WithCalibration(sub, line)).OrderBy(m => m.Chapter)];
    }
}
