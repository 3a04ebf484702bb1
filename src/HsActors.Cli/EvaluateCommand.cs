using System.CommandLine;
using HsActors.Classification.Evaluation;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.Training;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Cli;

/// <summary>
/// <c>hs evaluate</c>: a trained model on a labelled file, or grouped K-fold cross-validation of the hierarchy
/// (with --compare, also the paper's flat MNB / logistic regression / LinearSVC on the same folds and features, and
/// ML.NET's maximum-entropy pipelines on the same folds' text).
/// </summary>
public static class EvaluateCommand
{
    private const int RankingDepth = 10;

    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "Evaluate this trained model directory on --data." };
        var data = new Option<string>("--data")
        {
            Description = "Labelled declarations (CSV with header, or JSON lines). With --cv it replaces the bundled HMRC reference descriptions.",
        };
        var report = new Option<string>("--report") { Description = "Write report.md, report.json and confusion-chapters.svg to this directory." };
        var cv = new Option<int?>("--cv") { Description = "Grouped K-fold cross-validation with K folds (training on the nomenclature plus the other folds)." };
        var compare = new Option<bool>("--compare") { Description = $"With --cv: also train flat LinearSVC, Multinomial NB and logistic regression on each fold, and the ML.NET pipelines of --mlnet (default {MLNetBaselineList.Default})." };
        var mlnet = new Option<string>("--mlnet")
        {
            Description = $"With --cv: ML.NET baselines as trainer:level pairs (sdca or lbfgs at 2, 4 or 6 digits; e.g. {MLNetBaselineList.Default}), or none; without --compare they run without the flat models. Our router alone is then reported over chapters beside them.",
        };
        var compareFolds = new Option<int?>("--compare-folds")
        {
            Description = "With --compare: train the flat models on the first N folds only (each flat fold over ~5,600 codes takes far longer than the hierarchy); the hierarchy is then also reported on those folds.",
        };
        var exportFolds = new Option<string>("--export-folds")
        {
            Description = "With --cv: write fold-k/train.tsv, test.tsv and pred-hsactors.tsv for external toolkits.",
        };
        var maxFolds = new Option<int?>("--max-folds")
        {
            Description = "With --cv: run only the first N folds of the same split (quick trials; the figures are of those folds).",
        };
        var onlyFold = new Option<int?>("--fold")
        {
            Description = "With --cv: run only fold N of the same split (with --compare, the flat models too), to spread a long comparison over runs.",
        };
        var importerHistory = new Option<string>("--importer-history")
        {
            Description = "With --model and --data: replay the declarations in date order and score the importer-history re-ranking at these weights (comma-separated, e.g. 0.5,1,2,4) against the model alone, each line ranked with its importer's earlier declarations only.",
        };
        var declaredCheck = new Option<bool>("--declared-check")
        {
            Description = "With --model and --data: declare every row once right and once wrong (a code of another chapter, another code of the same heading, the model's best wrong code) and print how often the declared-code check flags each at several thresholds, with its ROC area.",
        };
        var chapterTemperature = new Option<float?>("--chapter-temperature")
        {
            Description = $"With --cv: soften (above 1) or sharpen the consulted chapters' probabilities after the re-weighing (default {new HierarchyOptions().ChapterTemperature}).",
        };
        var semantic = new Option<string>("--semantic")
        {
            Description = "With --model and --data: also score the semantic stage alone, the cascade (default mode) and full fusion, the encoder reading these listing fields: title, title+category or title+category+attributes (the last by default). --data may be marketplace listings (JSON lines with title, category, attributes, hs_code; HS6 labels from the first 6 digits).",
        };
        var trial = new QuickTrialOptions();
        var blend = new RouterBlendOptions();
        var command = new Command("evaluate", "Measure top-k accuracy, precision, recall, F1 and calibration.") { model, data, report, cv, compare, mlnet, compareFolds, exportFolds, maxFolds, onlyFold, importerHistory, declaredCheck, chapterTemperature, semantic };
        trial.AddTo(command);
        blend.AddTo(command);
        command.SetAction((parsed, cancellationToken) =>
        {
            var folds = parsed.GetValue(cv);
            var modelDirectory = parsed.GetValue(model);
            var dataFile = parsed.GetValue(data);
            var limits = trial.Read(parsed);
            if (folds is null == modelDirectory is null)
            {
                throw new CliUsageException("Give either --model DIR --data FILE (evaluate a trained model) or --cv K (cross-validation), not both or neither.");
            }
            if (folds is null)
            {
                if (parsed.GetValue(compare) || parsed.GetValue(mlnet) is not null || parsed.GetValue(exportFolds) is not null || parsed.GetValue(compareFolds) is not null
                    || parsed.GetValue(maxFolds) is not null || parsed.GetValue(onlyFold) is not null || parsed.GetValue(chapterTemperature) is not null)
                {
                    throw new CliUsageException("--compare, --mlnet, --compare-folds, --export-folds, --max-folds, --fold and --chapter-temperature go with --cv.");
                }
                if (dataFile is null)
                {
                    throw new CliUsageException("--model needs --data FILE: the labelled declarations to evaluate it on.");
                }
                if (parsed.GetValue(semantic) is { } fields)
                {
                    return parsed.GetValue(importerHistory) is null && !parsed.GetValue(declaredCheck)
                        ? SemanticEvaluation.RunAsync(console, modelDirectory!, dataFile, fields, parsed.GetValue(report), limits, cancellationToken)
                        : throw new CliUsageException("--semantic goes without --importer-history and --declared-check.");
                }
                if (parsed.GetValue(declaredCheck))
                {
                    return parsed.GetValue(importerHistory) is null && parsed.GetValue(report) is null
                        ? EvaluateDeclaredCheckAsync(console, modelDirectory!, dataFile, limits, cancellationToken)
                        : throw new CliUsageException("--declared-check prints its own table: it goes without --importer-history and --report.");
                }
                return parsed.GetValue(importerHistory) is { } weights
                    ? EvaluateImporterHistoryAsync(console, modelDirectory!, dataFile, ParseWeights(weights), parsed.GetValue(report), limits, cancellationToken)
                    : EvaluateModelAsync(console, modelDirectory!, dataFile, parsed.GetValue(report), limits, cancellationToken);
            }
            if (parsed.GetValue(importerHistory) is not null || parsed.GetValue(declaredCheck))
            {
                throw new CliUsageException("--importer-history and --declared-check go with --model DIR --data FILE, not with --cv.");
            }
            if (folds < 2)
            {
                throw new CliUsageException($"--cv needs at least 2 folds, not {folds}.");
            }
            var flatFolds = parsed.GetValue(compareFolds);
            var textBaselines = MLNetBaselineList.Parse(parsed.GetValue(mlnet) ?? (parsed.GetValue(compare) ? MLNetBaselineList.Default : "none"));
            if (flatFolds is not null && (!(parsed.GetValue(compare) || textBaselines.Count > 0) || flatFolds < 1 || flatFolds > folds))
            {
                throw new CliUsageException($"--compare-folds needs --compare or --mlnet and a value from 1 to {folds}, not {flatFolds}.");
            }
            var foldsToRun = parsed.GetValue(maxFolds);
            if (foldsToRun is not null && (foldsToRun < 1 || foldsToRun > folds))
            {
                throw new CliUsageException($"--max-folds needs a value from 1 to {folds}, not {foldsToRun}.");
            }
            var fold = parsed.GetValue(onlyFold);
            if (fold is not null && (fold < 1 || fold > folds || foldsToRun is not null || flatFolds is not null))
            {
                throw new CliUsageException($"--fold needs a value from 1 to {folds} and goes without --max-folds and --compare-folds, not {fold}.");
            }
            var options = new CrossValidationOptions
            {
                Folds = folds.Value,
                FlatLearners = parsed.GetValue(compare) ? [FlatLearner.LinearSvc, FlatLearner.MultinomialNaiveBayes, FlatLearner.LogisticRegression] : [],
                TextBaselines = textBaselines,
                FlatFolds = flatFolds ?? 0,
                MaxFolds = foldsToRun ?? 0,
                OnlyFold = fold ?? 0,
                RankingDepth = RankingDepth,
                ExportDirectory = parsed.GetValue(exportFolds),
                Training = WithChapterTemperature(blend.Apply(parsed, new TrainingOptions()), parsed.GetValue(chapterTemperature)),
            };
            return CrossValidateAsync(console, options, dataFile, parsed.GetValue(report), limits, cancellationToken);
        });
        return command;
    }

    private static async Task<int> EvaluateModelAsync(CliConsole console, string modelDirectory, string dataFile, string? reportDirectory,
        RowLimits limits, CancellationToken cancellationToken)
    {
        var (classifier, rows) = await OpenAsync(console, modelDirectory, dataFile, limits, cancellationToken);
        if (rows.Count == 0)
        {
            throw new CliUsageException($"--data '{dataFile}' has no usable labelled rows{(limits.Any ? $" ({limits.Describe()})" : "")}.");
        }
        var name = $"HsActors hierarchy ({Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(modelDirectory)))})";
        var evaluation = await StageProgressDisplay.RunAsync(console, progress =>
            ModelEvaluator.Evaluate(name, classifier, rows, RankingDepth, new SynchronousProgress<EvaluationProgress>(p => progress.Report(new StageReport(p.Stage, p.Done, p.Total)))));
        var report = new EvaluationReport(
            $"Evaluation of {modelDirectory} on {Path.GetFileName(dataFile)}",
            [
                new("model", Path.GetFullPath(modelDirectory)),
                new("data", $"{Path.GetFullPath(dataFile)} ({rows.Count:N0} labelled rows)"),
                new("ranking depth", $"{RankingDepth} codes per row: national lines, or subheadings when no truth has more than 6 digits"),
                .. LimitsSetup(limits),
            ],
            [evaluation],
            ["The model may have been trained on some of these rows; only a file it never saw measures generalisation."],
            DateTimeOffset.UtcNow);
        return await FinishAsync(console, report, reportDirectory);
    }

    /// <summary>The trained model and the labelled rows it is evaluated on (within the quick-trial limits).</summary>
    private static async Task<(HierarchicalClassifier Classifier, IReadOnlyList<LabeledDescription> Rows)> OpenAsync(CliConsole console,
        string modelDirectory, string dataFile, RowLimits limits, CancellationToken cancellationToken) =>
        (ModelLoader.Open(modelDirectory), limits.Apply(await DeclarationFiles.ReadAsync([dataFile], console, cancellationToken)));

    private static TrainingOptions WithChapterTemperature(TrainingOptions options, float? temperature) => temperature switch
    {
        null => options,
        > 0f and < float.PositiveInfinity => options with { Hierarchy = options.Hierarchy with { ChapterTemperature = temperature.Value } },
        _ => throw new CliUsageException($"--chapter-temperature must be a positive number, not {temperature}."),
    };

    private static double[] ParseWeights(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var weights = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out weights[i])
                || !double.IsFinite(weights[i]) || weights[i] <= 0)
            {
                throw new CliUsageException($"--importer-history takes positive weights separated by commas (e.g. 0.5,1,2,4); '{parts[i]}' is not one.");
            }
        }
        return weights.Length > 0 ? weights : throw new CliUsageException("--importer-history needs at least one weight (e.g. 0.5,1,2,4).");
    }

    private static async Task<int> EvaluateImporterHistoryAsync(CliConsole console, string modelDirectory, string dataFile, double[] weights,
        string? reportDirectory, RowLimits limits, CancellationToken cancellationToken)
    {
        var (classifier, rows) = await OpenAsync(console, modelDirectory, dataFile, limits, cancellationToken);
        if (!rows.Any(r => !string.IsNullOrWhiteSpace(r.ImporterId)))
        {
            throw new CliUsageException($"--data '{dataFile}' has no labelled rows with an importer id: the re-ranking has no history to replay.");
        }
        var result = await StageProgressDisplay.RunAsync(console, progress =>
            ImporterHistoryEvaluator.Evaluate(classifier, rows, weights, RankingDepth,
                new SynchronousProgress<EvaluationProgress>(p => progress.Report(new StageReport(p.Stage, p.Done, p.Total)))));
        var report = new EvaluationReport(
            $"Importer-history re-ranking of {modelDirectory} on {Path.GetFileName(dataFile)}",
            [
                new("model", Path.GetFullPath(modelDirectory)),
                new("data", $"{Path.GetFullPath(dataFile)}: {result.Rows:N0} labelled rows with an importer id, {result.Importers:N0} importers"),
                new("replay", $"in declaration-date order (undated rows last, in file order); {result.RowsWithHistory:N0} rows had earlier declarations of their importer, the rest are ranked by the model alone under every weight"),
                new("re-ranking", "candidates ordered by p × (1 + weight × affinity) before the ranking picks its codes and alternatives, as the silo's HsActors:Classification:ImporterHistoryWeight does"),
                new("ranking depth", $"{RankingDepth} codes per row"),
                .. LimitsSetup(limits),
            ],
            result.Models,
            ["Keep the silo's weight at 0 unless a weight beats the model alone here, on declarations the model was not trained on."],
            DateTimeOffset.UtcNow);
        return await FinishAsync(console, report, reportDirectory);
    }

    private static async Task<int> EvaluateDeclaredCheckAsync(CliConsole console, string modelDirectory, string dataFile, RowLimits limits,
        CancellationToken cancellationToken)
    {
        var (classifier, rows) = await OpenAsync(console, modelDirectory, dataFile, limits, cancellationToken);
        if (!rows.Any(r => r.Code.Level >= 6 && HsNomenclature.Bundled.IsValid(r.Code.AtMostNationalLine())))
        {
            throw new CliUsageException($"--data '{dataFile}' has no labelled rows with a valid code of 6 or more digits to declare.");
        }
        var result = await StageProgressDisplay.RunAsync(console, progress =>
            DeclaredCodeCheckEvaluator.Evaluate(classifier, HsNomenclature.Bundled, rows, DeclaredCodeCheckEvaluator.DefaultThresholds,
                progress: new SynchronousProgress<EvaluationProgress>(p => progress.Report(new StageReport(p.Stage, p.Done, p.Total)))));
        foreach (var line in result.Describe())
        {
            await console.Out.WriteLineAsync(line);
        }
        await console.Out.WriteLineAsync("Set the silo's HsActors:Classification:DeclaredCodeAgreementThreshold to the t whose false alarms and detections suit your review capacity; use rows the model was not trained on.");
        return ExitCodes.Success;
    }

    private static async Task<int> CrossValidateAsync(CliConsole console, CrossValidationOptions options, string? dataFile, string? reportDirectory,
        RowLimits limits, CancellationToken cancellationToken)
    {
        var folds = options.Folds;
        var declarations = limits.Apply(dataFile is null ? BundledCorpus.HmrcReferences() : await DeclarationFiles.ReadAsync([dataFile], console, cancellationToken));
        var baseRows = limits.Apply(BundledCorpus.NomenclatureRows(HsNomenclature.Bundled));
        var source = dataFile is null ? "bundled HMRC reference descriptions (real goods descriptions, HS6/HS4 labels)" : Path.GetFullPath(dataFile);
        if (declarations.Count < folds)
        {
            throw new CliUsageException($"{declarations.Count:N0} labelled rows from {source} are too few for {folds} folds.");
        }
        await console.Error.WriteLineAsync($"Cross-validating on {declarations.Count:N0} declarations + {baseRows.Count:N0} nomenclature rows, {folds} folds{(options.OnlyFold > 0 ? $" (running fold {options.OnlyFold} only)" : options.MaxFolds > 0 ? $" (running the first {options.MaxFolds})" : "")}{(options.FlatLearners.Count > 0 ? ", with flat baselines" : "")}{(options.TextBaselines.Count > 0 ? ", with ML.NET baselines" : "")}.");
        var result = await StageProgressDisplay.RunAsync(console, progress =>
            new CrossValidator(options, new SynchronousProgress<EvaluationProgress>(p =>
                progress.Report(new StageReport($"[fold {p.Fold}/{p.Folds}] {p.Stage}", p.Done, p.Total)))).Run(declarations, baseRows));

        var training = options.Training;
        var report = new EvaluationReport(
            $"Grouped {folds}-fold cross-validation",
            [
                new("test declarations", $"{source}: {result.Declarations:N0} rows"),
                new("always in training", $"{result.BaseRows:N0} nomenclature rows (WCO HS2022 subheadings, BTKI 2022 national lines in English and Indonesian)"),
                new("split", $"{folds} folds by a stable hash of the cleansed description (duplicates never straddle folds); test rows per fold: {string.Join(", ", result.FoldSizes)}{(options.OnlyFold > 0 ? $"; only fold {options.OnlyFold} run (--fold)" : options.MaxFolds > 0 ? $"; only the first {Math.Min(options.MaxFolds, folds)} run (--max-folds)" : "")}"),
                new("features", $"TF-IDF, word 1–{training.Features.WordNGramMax}-grams + char {training.Features.CharNGramMin}–{training.Features.CharNGramMax}-grams, sublinear tf, {training.Features.Idf} idf, fitted per fold on its training rows"),
                new("hierarchy", $"router over chapters (LinearSVC C={training.RouterSvm.C}{(training.RouterNaiveBayesWeight > 0 ? $", blended with naive Bayes α={training.RouterNaiveBayesAlpha} at weight {training.RouterNaiveBayesWeight}" : "")}) → {training.Hierarchy.ChaptersToExpand} best chapters' models (6-digit subheadings, then 8-digit lines); LinearSVC C={training.ChapterSvm.C}; softmax temperatures fitted on a {training.CalibrationHoldout * 100:0}% hold-out"),
                new("flat baselines", result.FlatClasses > 0
                    ? $"one model over all {result.FlatClasses:N0} codes at {result.FlatLevel} digits, on the hierarchy's features: LinearSVC C={options.Flat.Svm.C}, Multinomial NB α={options.Flat.NaiveBayesAlpha}, logistic regression C={options.Flat.LogisticC}; trained and tested on {(result.FlatFolds == result.Folds ? "every fold run" : $"the first {result.FlatFolds} of {result.Folds} folds")}"
                    : "not run (add --compare)"),
                new("ML.NET baselines", options.TextBaselines.Count > 0
                    ? $"{string.Join("; ", options.TextBaselines.Select(b => b.Name))}: ML.NET 6.0 pipelines (FeaturizeText on the cleansed text, then the trainer with its defaults and the hierarchy's row weights), each trained on the same rows, cut to its level, of {(result.FlatFolds == result.Folds ? "every fold run" : $"the first {result.FlatFolds} of {result.Folds} folds")}; beside them \"{CrossValidator.RouterName}\", the hierarchy's own router over the same test rows"
                    : "not run (add --compare or --mlnet)"),
                new("ranking depth", $"{RankingDepth} codes per row: national lines, or subheadings when no truth has more than 6 digits"),
                new("machine", $"{Environment.ProcessorCount} cores, .NET {Environment.Version}"),
                .. LimitsSetup(limits),
                .. options.ExportDirectory is null ? Array.Empty<KeyValuePair<string, string>>() : [new("exported folds", Path.GetFullPath(options.ExportDirectory))],
            ],
            result.Models,
            CrossValidationNotes(result, options),
            DateTimeOffset.UtcNow);
        return await FinishAsync(console, report, reportDirectory);
    }

    private static List<string> CrossValidationNotes(CrossValidationResult result, CrossValidationOptions options)
    {
        var notes = new List<string>
        {
            "Levels are scored only up to each test row's own label length: HMRC references carry 6 (some 4) digits, so the bundled cross-validation cannot score 8-digit national lines.",
            "Training time of the hierarchy includes cleansing, TF-IDF fitting, the calibration hold-out fits and the final fits; it is summed over folds.",
        };
        if (options.TextBaselines.Count > 0)
        {
            notes.Add("The ML.NET models and the router alone classify chapters (or the level named in their row) and are scored against the truth cut to that level: their ECE is of chapter probabilities, the hierarchy's of its finest level. They rank the test rows one at a time on one thread, so their \"per line\" is a one-line latency (cleansing excluded); the hierarchy ranks in parallel, so its \"per line\" is ranking time over rows. The router's training is part of the hierarchy's (not timed apart).");
            if (result.FlatClasses == 0 && result.FlatFolds < result.Folds)
            {
                notes.Add($"RESTRICTION: the ML.NET baselines ran on the first {result.FlatFolds} of {result.Folds} folds only (--compare-folds {result.FlatFolds}); compare them with the row \"{CrossValidator.HierarchyOnFirstFolds(result.FlatFolds)}\".");
            }
        }
        if (result.FlatClasses > 0)
        {
            if (result.FlatFolds < result.Folds)
            {
                notes.Add($"RESTRICTION: the flat baselines ran on the first {result.FlatFolds} of {result.Folds} folds only (--compare-folds {result.FlatFolds}), because one flat fold over {result.FlatClasses:N0} codes costs many times the hierarchy's training (see the training column). Compare them with the row \"{CrossValidator.HierarchyOnFirstFolds(result.FlatFolds)}\", which scores the hierarchy on exactly the same test rows.");
            }
            notes.Add($"Flat models are trained on training rows labelled at {result.FlatLevel} or more digits (truncated to {result.FlatLevel}); coarser rows are left out of them. Their probabilities are softmax(score) at temperature 1, not calibrated, so their ECE is not comparable with the hierarchy's.");
            notes.Add($"Flat one-vs-rest models are trained in chunks of classes against one 'rest' class to keep each weight matrix under {options.Flat.WeightBudgetBytes / (1 << 20):N0} MiB; every class's binary problem is the same as in a single model.");
        }
        return notes;
    }

    internal static IEnumerable<KeyValuePair<string, string>> LimitsSetup(RowLimits limits) =>
        limits.Any ? [new("quick trial", $"{limits.Describe()} — not a measurement of the product")] : [];

    internal static async Task<int> FinishAsync(CliConsole console, EvaluationReport report, string? reportDirectory)
    {
        console.Rich.Write(HeadlineTable.Create(report));
        if (reportDirectory is not null)
        {
            EvaluationReportWriter.Write(report, reportDirectory);
            await console.Out.WriteLineAsync($"Report written to {Path.GetFullPath(reportDirectory)} ({EvaluationReportWriter.MarkdownFile}, {EvaluationReportWriter.JsonFile}, {EvaluationReportWriter.ConfusionFile}).");
        }
        return ExitCodes.Success;
    }
}
