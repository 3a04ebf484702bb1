using System.Diagnostics;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.Training;
using HsActors.Corpus;
using HsActors.Learning;
using HsActors.Nomenclature;
using HsActors.Text;

namespace HsActors.Classification.Evaluation;

/// <summary>
/// Grouped K-fold cross-validation of the hierarchy, and optionally of the paper's flat baselines on the same folds
/// and the same TF-IDF features. The declarations are split by a stable hash of their cleansed text, so duplicates
/// never straddle folds; every fold trains on the base rows (the nomenclature) plus the other folds.
/// </summary>
public sealed class CrossValidator(CrossValidationOptions options, IProgress<EvaluationProgress>? progress = null)
{
    public const string HierarchyName = "HsActors hierarchy (LinearSVC)";

    /// <summary>Our router alone over chapters, reported when text baselines run: their like-for-like row for the router's role.</summary>
    public const string RouterName = "HsActors router alone (LinearSVC + NB, chapters)";

    public CrossValidationOptions Options { get; } = options;

    /// <summary>The name of the hierarchy's row restricted to the folds the flat baselines ran on.</summary>
    public static string HierarchyOnFirstFolds(int folds) => folds == 1 ? $"{HierarchyName}, fold 1" : $"{HierarchyName}, folds 1–{folds}";

    public CrossValidationResult Run(IReadOnlyList<LabeledDescription> declarations, IReadOnlyList<LabeledDescription> baseRows)
    {
        ArgumentNullException.ThrowIfNull(declarations);
        ArgumentNullException.ThrowIfNull(baseRows);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.RankingDepth, FoldExport.PredictionDepth);
        var kfold = new GroupedKFold(Options.Folds);
        if (declarations.Count < Options.Folds)
        {
            throw new ArgumentException($"{declarations.Count} labelled declarations cannot be split into {Options.Folds} folds.", nameof(declarations));
        }

        var pipeline = new CleansingPipeline(Options.Training.Cleansing);
        Report(0, "cleansing", 0, declarations.Count + baseRows.Count);
        var declarationText = Cleanse(pipeline, declarations);
        var baseText = Cleanse(pipeline, baseRows);
        var folds = kfold.Split(declarationText);
        if (folds.Any(f => f.Length == 0))
        {
            throw new ArgumentException($"With {declarations.Count} declarations ({declarationText.Distinct().Count()} distinct after cleansing) one of the {Options.Folds} folds is empty; use fewer folds or more data.", nameof(declarations));
        }
        var flatLevel = declarations.Max(d => HsLevels.Finest(d.Code.Level));

        if (Options.OnlyFold > folds.Count)
        {
            throw new ArgumentException($"Fold {Options.OnlyFold} does not exist in a {folds.Count}-fold split.", nameof(Options.OnlyFold));
        }
        var firstFold = Options.OnlyFold > 0 ? Options.OnlyFold - 1 : 0;
        var foldsToRun = Options.OnlyFold > 0 ? 1 : Options.MaxFolds > 0 ? Math.Min(Options.MaxFolds, folds.Count) : folds.Count;
        var flatFolds = Options.FlatLearners.Count == 0 && Options.TextBaselines.Count == 0 ? 0
            : Options.FlatFolds > 0 ? Math.Min(Options.FlatFolds, foldsToRun) : foldsToRun;
        var hierarchy = new ModelRun(HierarchyName);
        // When the flat models see only some folds, the hierarchy is also scored on exactly those, so one row compares like with like.
        var hierarchyOnFlatFolds = flatFolds > 0 && flatFolds < foldsToRun ? new ModelRun(HierarchyOnFirstFolds(flatFolds)) : null;
        var flatRuns = Options.FlatLearners.Select(l => new ModelRun(l.Describe())).ToArray();
        var router = Options.TextBaselines.Count > 0 ? new ModelRun(RouterName) : null;
        var textRuns = Options.TextBaselines.Select(b => new ModelRun(b.Name)).ToArray();
        var flatClasses = 0;
        for (var f = 0; f < foldsToRun; f++)
        {
            var fold = new FoldData(firstFold + f + 1, declarations, declarationText, baseRows, baseText, folds[firstFold + f]);
            var hierarchyRankings = RunHierarchy(fold, hierarchy);
            if (f < flatFolds)
            {
                hierarchyOnFlatFolds?.Add(fold, hierarchyRankings, hierarchy.LastTraining, hierarchy.LastRanking);
                for (var l = 0; l < flatRuns.Length; l++)
                {
                    flatClasses = Math.Max(flatClasses, RunFlat(fold, Options.FlatLearners[l], flatLevel, flatRuns[l]));
                }

                if (router is not null)
                {
                    RunText(fold, RouterName, new RouterRanker(fold.Router!), 2, TimeSpan.Zero, router);
                }

                for (var b = 0; b < textRuns.Length; b++)
                {
                    RunTextBaseline(fold, Options.TextBaselines[b], textRuns[b]);
                }
            }
            if (Options.ExportDirectory is not null)
            {
                Report(fold.Number, "exporting fold", 0, 1);
                FoldExport.Write(Options.ExportDirectory, fold.Number, fold.TrainingExport(), fold.TestExport(), hierarchyRankings);
            }
        }
        ModelRun[] models = [hierarchy, .. hierarchyOnFlatFolds is null ? Array.Empty<ModelRun>() : [hierarchyOnFlatFolds], .. flatRuns,
            .. router is null ? Array.Empty<ModelRun>() : [router], .. textRuns];
        return new CrossValidationResult(foldsToRun, declarations.Count, baseRows.Count, [.. folds.Select(f => f.Length)],
            Options.FlatLearners.Count > 0 ? flatLevel : 0, flatClasses, flatFolds, [.. models.Select(m => m.ToEvaluation())]);
    }

    private IReadOnlyList<CodeRecommendation>[] RunHierarchy(FoldData fold, ModelRun run)
    {
        var clock = Stopwatch.StartNew();
        var trainingProgress = progress is null ? null : new SynchronousProgress<TrainingProgress>(p =>
            Report(fold.Number, "hierarchy: " + p.Stage, p.Done, p.Total));
        var set = new HierarchicalTrainer(Options.Training, trainingProgress).Train(fold.TrainingRows());
        var trained = clock.Elapsed;
        clock.Restart();
        var classifier = set.ToClassifier(Options.Training.Hierarchy);
        var rankings = HierarchyRanking.RankAll(classifier, [.. fold.Test.Select(i => fold.Declarations[i].Description)], Options.RankingDepth,
            HierarchyRanking.LevelFor(fold.Test.Select(i => fold.Declarations[i].Code)),
            progress is null ? null : new SynchronousProgress<int>(n => Report(fold.Number, "hierarchy: ranking test rows", n, fold.Test.Length)));
        run.Add(fold, rankings, trained, clock.Elapsed);
        fold.Featurizer = set.Router.Featurizer;
        fold.Router = set.Router;
        return rankings;
    }

    /// <summary>Returns the number of classes the flat model was trained over.</summary>
    private int RunFlat(FoldData fold, FlatLearner learner, int level, ModelRun run)
    {
        var featurizer = fold.Featurizer ?? throw new InvalidOperationException("The hierarchy must be trained first: the flat models share its features.");
        var stage = learner.Describe();
        Report(fold.Number, stage + ": features", 0, 1);
        var (vectors, codes, weights) = fold.FlatTraining(featurizer, level, Options.Training);
        var classes = new LabelIndex(codes);
        var labels = codes.Select(classes.IdOf).ToArray();
        var test = fold.TestVectors(featurizer);

        var clock = Stopwatch.StartNew();
        var rankings = FlatRanker.TrainAndRank(learner, vectors, labels, weights, classes.Codes, featurizer.Vectorizer.FeatureCount,
            test, Options.RankingDepth, Options.Flat,
            progress is null ? null : new SynchronousProgress<(int Done, int Total)>(p => Report(fold.Number, stage + ": classes", p.Done, p.Total)));
        // Training and ranking are interleaved chunk by chunk; ranking is a small share, so the whole time counts as training.
        run.Add(fold, rankings, clock.Elapsed, TimeSpan.Zero);
        return classes.Count;
    }

    private void RunTextBaseline(FoldData fold, ITextBaseline baseline, ModelRun run)
    {
        Report(fold.Number, baseline.Name + ": training", 0, 1);
        var rows = fold.TextTraining(baseline.Level, Options.Training);
        var clock = Stopwatch.StartNew();
        var ranker = baseline.Train(rows);
        RunText(fold, baseline.Name, ranker, baseline.Level, clock.Elapsed, run);
    }

    /// <summary>
    /// Ranks the test rows one by one on one thread, so the ranking time over the rows is a per-line latency; cases are
    /// scored against their truth cut to <paramref name="level"/>, the only level such a model can be right at.
    /// </summary>
    private void RunText(FoldData fold, string name, ITextRanker ranker, int level, TimeSpan training, ModelRun run)
    {
        var texts = fold.TestTexts();
        var rankings = new IReadOnlyList<CodeRecommendation>[texts.Length];
        var clock = Stopwatch.StartNew();
        for (var t = 0; t < texts.Length; t++)
        {
            rankings[t] = ranker.Rank(texts[t], Options.RankingDepth);
            if (t % 256 == 0)
            {
                Report(fold.Number, name + ": ranking test rows", t, texts.Length);
            }
        }

        run.Add(fold, rankings, training, clock.Elapsed, level);
    }

    private static string[] Cleanse(CleansingPipeline pipeline, IReadOnlyList<LabeledDescription> rows) =>
        rows.AsParallel().AsOrdered().Select(r => pipeline.Clean(r.Description)).ToArray();

    private void Report(int fold, string stage, int done, int total) =>
        progress?.Report(new EvaluationProgress(fold, Options.Folds, stage, done, total));

    /// <summary>One fold's view of the data: which declarations are tested, which rows train.</summary>
    private sealed class FoldData(int number, IReadOnlyList<LabeledDescription> declarations, string[] declarationText,
        IReadOnlyList<LabeledDescription> baseRows, string[] baseText, int[] test)
    {
        private readonly HashSet<int> _test = [.. test];
        private SparseVector[]? _testVectors;
        private (SparseVector[] Vectors, HsCode[] Codes, float[] Weights)? _flatTraining;

        public int Number { get; } = number;

        public IReadOnlyList<LabeledDescription> Declarations { get; } = declarations;

        public int[] Test { get; } = test;

        public int TrainingRowCount => baseRows.Count + Declarations.Count - Test.Length;

        public DescriptionFeaturizer? Featurizer { get; set; }

        public RouterModel? Router { get; set; }

        public string[] TestTexts() => [.. Test.Select(i => declarationText[i])];

        /// <summary>Base rows first, then the other folds' declarations in their original order.</summary>
        public IReadOnlyList<LabeledDescription> TrainingRows() => [.. baseRows, .. TrainingDeclarations().Select(i => Declarations[i])];

        public IEnumerable<FoldExport.Row> TrainingExport() =>
            Enumerable.Range(0, baseRows.Count).Where(i => baseText[i].Length > 0).Select(i => new FoldExport.Row(baseRows[i].Code, baseText[i], baseRows[i].Description))
                .Concat(TrainingDeclarations().Where(i => declarationText[i].Length > 0).Select(i => new FoldExport.Row(Declarations[i].Code, declarationText[i], Declarations[i].Description)));

        public IReadOnlyList<FoldExport.Row> TestExport() =>
            [.. Test.Select(i => new FoldExport.Row(Declarations[i].Code, declarationText[i], Declarations[i].Description))];

        public SparseVector[] TestVectors(DescriptionFeaturizer featurizer) =>
            _testVectors ??= [.. Test.AsParallel().AsOrdered().Select(i => featurizer.Featurize(declarationText[i]))];

        /// <summary>
        /// The flat models' training set: every non-empty training row labelled at <paramref name="level"/> digits;
        /// rows coarser than that cannot be, and are left out.
        /// </summary>
        public (SparseVector[] Vectors, HsCode[] Codes, float[] Weights) FlatTraining(DescriptionFeaturizer featurizer, int level, TrainingOptions options) =>
            _flatTraining ??= BuildFlatTraining(featurizer, level, options);

        /// <summary>The same rows as <see cref="FlatTraining"/>, as cleansed text for a learner with its own featurization.</summary>
        public TextTrainingRow[] TextTraining(int level, TrainingOptions options) =>
            [.. FlatRows(level).Select(r => new TextTrainingRow(r.Text, r.Row.Code.Truncate(level), options.WeightOf(r.Row)))];

        /// <remarks>Rows are weighted as the hierarchy weights them, so the comparison is of the model shapes alone.</remarks>
        private (SparseVector[] Vectors, HsCode[] Codes, float[] Weights) BuildFlatTraining(DescriptionFeaturizer featurizer, int level, TrainingOptions options)
        {
            var rows = FlatRows(level);
            return (
                [.. rows.AsParallel().AsOrdered().Select(r => featurizer.Featurize(r.Text))],
                [.. rows.Select(r => r.Row.Code.Truncate(level))],
                [.. rows.Select(r => options.WeightOf(r.Row))]);
        }

        private (LabeledDescription Row, string Text)[] FlatRows(int level) =>
            [.. Enumerable.Range(0, baseRows.Count).Select(i => (Row: baseRows[i], Text: baseText[i]))
                .Concat(TrainingDeclarations().Select(i => (Row: Declarations[i], Text: declarationText[i])))
                .Where(r => r.Text.Length > 0 && r.Row.Code.Level >= level)];

        private IEnumerable<int> TrainingDeclarations() => Enumerable.Range(0, Declarations.Count).Where(i => !_test.Contains(i));
    }

    /// <summary>One model's cases and timings, accumulated fold by fold.</summary>
    private sealed class ModelRun(string name)
    {
        private readonly List<RankedCase> _cases = [];
        private readonly List<FoldScore> _folds = [];
        private TimeSpan _training;
        private TimeSpan _ranking;

        public TimeSpan LastTraining { get; private set; }

        public TimeSpan LastRanking { get; private set; }

        /// <param name="level">Cut the truths to this many digits (a chapter model is scored as a chapter model); 0 = as labelled.</param>
        public void Add(FoldData fold, IReadOnlyList<IReadOnlyList<CodeRecommendation>> rankings, TimeSpan training, TimeSpan ranking, int level = 0)
        {
            LastTraining = training;
            LastRanking = ranking;
            var cases = fold.Test.Select((row, t) => new RankedCase(TruthAt(fold.Declarations[row].Code, level), rankings[t])).ToArray();
            var finest = RankingScorer.Score(cases).Finest;
            _folds.Add(new FoldScore(fold.Number, fold.TrainingRowCount, fold.Test.Length, finest.Level, finest.Top1, finest.Top5));
            _cases.AddRange(cases);
            _training += training;
            _ranking += ranking;
        }

        private static HsCode TruthAt(HsCode truth, int level) => level > 0 && truth.Level > level ? truth.Truncate(level) : truth;

        public ModelEvaluation ToEvaluation() => new(name, RankingScorer.Score(_cases), _folds, _training, _ranking);
    }
}
