using HsActors.Classification.Semantic.Index;
using HsActors.Grains.Serving;
using Microsoft.Extensions.Options;

namespace HsActors.Silo.Hosting;

/// <summary>
/// Once the silo serves, loads the semantic index's active version from the registry; when there is none yet, or an
/// earlier build's encoder made it, publishes one (the configured file, the model directory's, or one encoded from the
/// bundled corpus), makes it active and loads that. Lines are
/// answered "fast" until then, and if this fails they stay so: the stage is an addition to the hierarchy, never a
/// condition of serving.
/// </summary>
internal sealed class SemanticIndexService(
    SemanticIndexLoader loader, IOptions<SemanticSettings> settings, IOptions<SiloOptions> silo, SiloReadiness readiness,
    ILogger<SemanticIndexService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReadyAsync(stoppingToken);
            var status = await loader.RefreshAsync(stoppingToken);
            if (status == SemanticIndexStatus.Serving)
            {
                return;
            }
            if (await IndexFileAsync(stoppingToken) is not { } file)
            {
                logger.LogWarning("No semantic index of this build's encoder in the registry and none to publish ({Setting} is false): every line is answered \"fast\".",
                    $"{SemanticSettings.Section}:{nameof(SemanticSettings.BuildWhenMissing)}");
                return;
            }
            await loader.PublishAsync(file, "bootstrap", replaceActive: status == SemanticIndexStatus.OtherEncoder, stoppingToken);
            await loader.RefreshAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "The semantic stage could not be loaded; every line is answered by the hierarchy alone (\"fast\").");
        }
    }

    private async Task<byte[]?> IndexFileAsync(CancellationToken cancellationToken)
    {
        if (settings.Value.IndexFile is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? await File.ReadAllBytesAsync(configured, cancellationToken)
                : throw new FileNotFoundException($"{SemanticSettings.Section}:{nameof(SemanticSettings.IndexFile)} names a file that does not exist.", configured);
        }
        var directory = silo.Value.ResolvedModelDirectory;
        var path = SemanticIndexDirectory.PathIn(directory);
        if (!File.Exists(path))
        {
            if (!settings.Value.BuildWhenMissing)
            {
                return null;
            }
            logger.LogInformation("No semantic index yet: encoding the bundled corpus once, in the background; lines are answered \"fast\" until it is done.");
            Directory.CreateDirectory(directory);
            await Task.Run(() => SemanticIndexDirectory.LoadOrBuild(directory, loader.Embedder, message => logger.LogInformation("Semantic index: {Progress}", message)),
                cancellationToken);
        }
        return await File.ReadAllBytesAsync(path, cancellationToken);
    }
}
