using HsActors.Grains.Models;
using HsActors.Grains.Retraining;

namespace HsActors.Silo.Hosting;

/// <summary>
/// Starts reading the assessment stream into this silo's ledger, which wakes the retrainer grains, once the silo serves
/// its first model (the registry then holds the versions the retrainers start from). Without a model registry (a plain
/// directory store) there is nothing to publish into.
/// </summary>
internal sealed class RetrainingService(IServiceProvider services, SiloReadiness readiness, ILogger<RetrainingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (services.GetRequiredService<IModelStore>() is not RegistryModelStore)
        {
            logger.LogInformation("Retraining is off: the silo serves a model directory, not a model registry.");
            return;
        }
        while (!readiness.IsReady)
        {
            if (readiness.State == SiloState.Failed)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken).ConfigureAwait(false);
        }
        await services.GetRequiredService<AssessmentLedgerReader>().RunAsync(stoppingToken).ConfigureAwait(false);
    }
}
