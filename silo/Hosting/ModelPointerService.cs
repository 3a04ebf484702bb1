using HsActors.Grains.Serving;

namespace HsActors.Silo.Hosting;

/// <summary>
/// Keeps this silo's model cache in step with the pointers for the silo's lifetime: the hub subscription (changes pushed
/// within a second) and the slow backstop poll. Both start once the router is loaded, so start-up's own load comes first.
/// </summary>
internal sealed class ModelPointerService(ModelPointerSubscription subscription, ModelPointerFollower follower, SiloReadiness readiness) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReadyAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await Task.WhenAll(subscription.RunAsync(stoppingToken), follower.RunAsync(stoppingToken));
    }
}
