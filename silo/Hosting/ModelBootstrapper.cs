using System.Diagnostics;
using System.Globalization;
using HsActors.Classification.ModelFiles;
using HsActors.Classification.Training;
using HsActors.Corpus;
using HsActors.Grains.Models;
using HsActors.Grains.Serving;
using HsActors.Nomenclature;
using Microsoft.Extensions.Options;

namespace HsActors.Silo.Hosting;

/// <summary>
/// Start-up in the background so health answers at once: when the model store has no model, trains one from the
/// bundled corpus into the model directory (unless one is there already) and publishes it into the model registry
/// as the first version of the router and every chapter (created by "bootstrap", promoted); then loads the router into
/// the model cache. Readiness follows each step.
/// </summary>
internal sealed class ModelBootstrapper(
    IOptions<SiloOptions> options, IOptions<ModelLifecycleSettings> lifecycle, IModelStore store, ModelCache cache,
    SiloReadiness readiness, ILogger<ModelBootstrapper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            if (!await store.HasModelAsync(stoppingToken))
            {
                var target = options.Value.ResolvedModelDirectory;
                SetAsideOutdatedModel(target);
                if (!ModelDirectory.Exists(target))
                {
                    // What the readiness detail says reaches anonymous callers: no server path in it, only in the log.
                    logger.LogInformation("No model in {Directory}; training one from the bundled corpus.", target);
                    readiness.Set(SiloState.Training, "No model yet; training one from the bundled corpus.");
                    await Task.Run(() => TrainInto(target, stoppingToken), stoppingToken);
                }
                if (store is RegistryModelStore registry)
                {
                    readiness.Set(SiloState.Loading, "Publishing the trained model into the model registry.");
                    var version = await new ModelSetPublisher(registry.Registry).PublishAsync(target, stoppingToken);
                    logger.LogInformation("Published and promoted model {Version} from {Directory} into the {Store}.", version, target, store.Describe());
                }
            }
            readiness.Set(SiloState.Loading, "Loading the router model.");
            await cache.LoadRouterAsync(stoppingToken);
            var versions = cache.Versions();
            if (store is RegistryModelStore models && lifecycle.Value.LoadChaptersBeforeReady)
            {
                await LoadChaptersAsync(models, stoppingToken);
            }
            readiness.Set(SiloState.Ready, $"Serving router model {versions.RouterVersion}.", versions.RouterVersion);
            logger.LogInformation("Ready: router model {Version} from {Store}.", versions.RouterVersion, store.Describe());
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            readiness.Set(SiloState.Failed, "The silo stopped before its model was ready.");
        }
        catch (Exception e)
        {
            readiness.Set(SiloState.Failed, $"The model could not be loaded: {WithoutServerPaths(e.Message)}");
            logger.LogCritical(e, "The silo has no model and will answer 503 to classification.");
        }
    }

    /// <summary>The reason, for anonymous callers: the silo's directories named by their setting, not by their path.</summary>
    private string WithoutServerPaths(string message) => message
        .Replace(options.Value.ResolvedModelDirectory, $"<{SiloOptions.Section}:ModelDirectory>", StringComparison.Ordinal)
        .Replace(options.Value.ResolvedDataDirectory, $"<{SiloOptions.Section}:DataDirectory>", StringComparison.Ordinal);

    private async Task LoadChaptersAsync(RegistryModelStore models, CancellationToken cancellationToken)
    {
        var chapters = (await models.Registry.ListChaptersAsync(cancellationToken)).Where(c => c != IModelStore.RouterKey && c != SemanticStage.RegistryKey).ToList();
        readiness.Set(SiloState.Loading, $"Loading {chapters.Count} chapter models.");
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(chapters,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, lifecycle.Value.ChapterLoadConcurrency), CancellationToken = cancellationToken },
            async (chapter, _) =>
            {
                try
                {
                    await cache.GetAsync(chapter);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The chapter reports its own fault; the first line routed to it tries again.
                    logger.LogWarning(e, "Chapter {Chapter} could not be loaded at start-up.", chapter);
                }
            });
        logger.LogInformation("Loaded {Count} chapter models in {Seconds:0.0} s.", chapters.Count, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// A model written by another build's format cannot be served. The silo's own default model is moved aside (never
    /// deleted) and trained again; a model directory named in the configuration is the operator's, and is refused.
    /// </summary>
    private void SetAsideOutdatedModel(string target)
    {
        if (ModelDirectory.OutdatedFormat(target) is not { } found)
        {
            return;
        }
        if (options.Value.ModelDirectory is not null)
        {
            throw new ModelFileException(
                $"{target} holds a model in format {found}; this build reads formats {ModelEnvelope.OldestReadableVersion} to {ModelEnvelope.FormatVersion}. Train one with `hs train --out {target}` (or point HsActors:ModelDirectory elsewhere).");
        }
        var aside = $"{target.TrimEnd(Path.DirectorySeparatorChar)}.format-{found}-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}";
        Directory.Move(target, aside);
        logger.LogWarning("The model in {Directory} has format {Found}; this build reads formats {Oldest} to {Current}. Moved it to {Aside}; training a new one.",
            target, found, ModelEnvelope.OldestReadableVersion, ModelEnvelope.FormatVersion, aside);
    }

    /// <summary>Trains into a sibling directory and renames it into place, so a crash never leaves half a model.</summary>
    private void TrainInto(string target, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        logger.LogInformation("No model found in {Directory}: training from the bundled corpus (HS 2022 + BTKI 2022 + HMRC references). This takes a few minutes once.", target);
        var rows = BundledCorpus.All(HsNomenclature.Bundled).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        logger.LogInformation("Training on {Rows:N0} bundled rows.", rows.Count);
        var set = new HierarchicalTrainer(new TrainingOptions(), new TrainingProgressLog(logger)).Train(rows);
        cancellationToken.ThrowIfCancellationRequested();

        var now = DateTimeOffset.UtcNow;
        var metadata = new ModelMetadata
        {
            Version = now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
            CreatedAt = now,
            CreatedBy = "hsactors silo (bundled corpus)",
            TrainingRows = set.Summary.Rows,
            Figures = new Dictionary<string, double> { ["trainingSeconds"] = set.Summary.Elapsed.TotalSeconds },
        };
        var staging = target.TrimEnd(Path.DirectorySeparatorChar) + ".training";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        ModelDirectory.Save(set, staging, metadata);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true); // holds no router file, or we would not be training
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        Directory.Move(staging, target);
        logger.LogInformation("Trained model {Version} ({Chapters} chapters, {Lines:N0} national lines) in {Seconds:0} s into {Directory}.",
            metadata.Version, set.Summary.Chapters, set.Summary.NationalLines, clock.Elapsed.TotalSeconds, target);
    }
}
