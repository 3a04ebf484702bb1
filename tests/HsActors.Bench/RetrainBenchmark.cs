using HsActors.Abstractions.Retraining;
using System.Diagnostics;
using HsActors.Abstractions.Streaming;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.ModelFiles;
using HsActors.Classification.Training;
using HsActors.Grains.Models;
using HsActors.Grains.Retraining;
using HsActors.ModelRegistry;
using HsActors.Nomenclature;
using HsActors.Storage.FileSystem;
using HsActors.Streaming.LocalLog;
using Microsoft.Extensions.Logging.Abstractions;

namespace HsActors.Bench;

/// <summary>
/// Time from the Nth officer assessment of a large chapter to its promoted (or refused) retrained version, with the
/// embedded engines (file-system registry, local assessment log) and the bundled model. Options: --chapter (84),
/// --lines N (assessments, default 20 here when not given).
/// </summary>
public static class RetrainBenchmark
{
    public static int Run(BenchOptions options, string[] args)
    {
        var chapter = Value(args, "--chapter", "84");
        var count = args.Contains("--lines") ? options.Lines : 20;
        BundledModel.EnsureSaved(options.ModelDirectory);
        var work = Path.Combine(options.WorkDirectory, "retrain-" + Guid.NewGuid().ToString("N"));
        try
        {
            return RunAsync(options.ModelDirectory, work, chapter, count).GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<int> RunAsync(string model, string work, string chapter, int count)
    {
        var registry = new BlobModelRegistry(new FileSystemBlobStore(Path.Combine(work, "registry")));
        var clock = Stopwatch.StartNew();
        await new ModelSetPublisher(registry).PublishAsync(model);
        Console.WriteLine($"published the bundled model into a file-system registry in {clock.Elapsed.TotalSeconds:0.0} s");

        await using var stream = LocalLogAssessmentStream.Open(Path.Combine(work, "assessments.log"));
        var retraining = new RetrainingOptions { MinAssessments = count, MaxDelay = TimeSpan.FromHours(1), CheckInterval = TimeSpan.FromMilliseconds(100) };
        var models = new ActiveModels(registry);
        var release = new CandidateRelease(registry, retraining, null, NullLogger.Instance);
        // What a chapter's retrainer grain runs once it is due, without the grain: the silo's ledger of the stream and a
        // training run over it.
        var ledger = new AssessmentLedger();
        var training = new LedgerChapterTraining(ledger, models,
            new ChapterRetrainer(models, release, retraining, TimeProvider.System), new RouterRetrainer(models, release, retraining, TimeProvider.System),
            retraining);

        // Officers confirm real descriptions of the chapter at the first national line of their subheading.
        var lines = HsNomenclature.Bundled.AtLevel(8).Select(e => e.Code).Where(c => c.Chapter.Digits == chapter).ToArray();
        var assessments = BundledChapterRows.Of(chapter).Where(r => r.Source == HsActors.Corpus.DescriptionSources.Hmrc && r.Code.Level == 6)
            .Select(r => (r.Description, Line: lines.FirstOrDefault(l => l.Truncate(6) == r.Code)))
            .Where(a => a.Line != default).Take(count).ToArray();
        if (assessments.Length < count)
        {
            Console.Error.WriteLine($"chapter {chapter} has only {assessments.Length} usable reference descriptions");
            return 2;
        }
        var before = (await registry.GetPointerAsync(chapter))!.Pointer.ActiveVersion;
        for (var i = 0; i < count; i++)
        {
            await stream.AppendAsync(new AssessmentRecord
            {
                AssessmentId = $"bench-{i}", Description = assessments[i].Description, AssessedCode = assessments[i].Line.Digits,
                OfficerId = $"bench-officer-{i % 5}", AssessedAt = DateTimeOffset.UtcNow, // automatic promotion needs several officers
            });
        }
        var fromNth = Stopwatch.StartNew();
        await foreach (var entry in stream.ReadAsync(0))
        {
            ledger.Add(entry);
            if (ledger.NextOffset >= count)
            {
                break;
            }
        }
        var outcome = await training.RetrainAsync(chapter, CancellationToken.None);
        var elapsed = fromNth.Elapsed;

        Console.WriteLine($"chapter {chapter}: {count} assessments; from the {count}th to the {outcome.Decision} version {outcome.Version}: {elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"  training and evaluation (candidate + evaluation twin{(outcome.Figures.ContainsKey("baseline.heldOut.rows") ? " + baseline twin for the bootstrap version" : "")}): {outcome.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"  decision: {outcome.Reason}; active before {before}, after {(await registry.GetPointerAsync(chapter))!.Pointer.ActiveVersion}");
        foreach (var (name, value) in outcome.Figures.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {name,-32} {value:0.####}");
        }
        WarmVersusCold(model, chapter, assessments);
        return 0;
    }

    /// <summary>
    /// The chapter's training alone: its bundled rows plus the officers' rows, trained from zero and warm-started from
    /// the solution of the bundled rows alone (what the retrainer does from its second retraining on).
    /// </summary>
    private static void WarmVersusCold(string model, string chapter, (string Description, HsCode Line)[] assessments)
    {
        var featurizer = ModelDirectory.Open(model, new HierarchyOptions()).Router.Featurizer;
        var code = HsCode.Parse(chapter);
        var baseRows = BundledChapterRows.Of(chapter).Where(r => r.Code.Level >= 6).Select(r => (r.Description, r.Code, Weight: 1f));
        var officerRows = assessments.Select(a => (a.Description, Code: a.Line, Weight: new RetrainingOptions().OfficerWeight));
        var trainer = new ChapterTrainer(new TrainingOptions().ChapterSvm with { MaxDegreeOfParallelism = 1 });
        var first = trainer.Retrain(code, Rows(featurizer, baseRows), previous: null);
        var extended = Rows(featurizer, baseRows.Concat(officerRows));
        var cold = trainer.Retrain(code, extended, previous: null);
        var warm = trainer.Retrain(code, extended, first.State);
        Console.WriteLine($"chapter {chapter} training alone, 1 thread, {extended.Count:N0} rows ({assessments.Length} officers' rows):");
        Console.WriteLine($"  bundled rows only, from zero: {first.Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"  + officers' rows, from zero (full retraining): {cold.Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"  + officers' rows, warm-started from the previous solution: {warm.Elapsed.TotalSeconds:0.00} s (warm: {warm.WarmStarted})");
    }

    private static FeaturizedRows Rows(DescriptionFeaturizer featurizer, IEnumerable<(string Description, HsCode Code, float Weight)> rows)
    {
        var kept = rows.Select(r => (Features: featurizer.Featurize(featurizer.Clean(r.Description)), r.Code, r.Weight)).Where(r => r.Features.Count > 0).ToArray();
        return new FeaturizedRows([.. kept.Select(r => r.Features)], [.. kept.Select(r => r.Code)], [.. kept.Select(r => r.Weight)],
            new bool[kept.Length], new bool[kept.Length]);
    }

    private static string Value(string[] args, string flag, string fallback)
    {
        var i = Array.IndexOf(args, flag);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
