using HsActors.Abstractions.Grains;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Serving;

/// <summary>
/// This silo's subscription to the pointer hub: an observer that refreshes the model cache when a pointer changes,
/// renewed every <see cref="RenewEvery"/> so that the hub's activation, wherever it lives and however often it moves,
/// always knows this silo.
/// </summary>
public sealed class ModelPointerSubscription(IGrainFactory grains, ModelPointerFollower follower, ILogger<ModelPointerSubscription> logger)
    : IModelPointerObserver
{
    public static readonly TimeSpan RenewEvery = IModelPointerHubGrain.SubscriptionLifetime / 3;

    /// <summary>How soon a failed subscription is tried again (the hub may be moving off a dead silo).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private volatile bool _subscribed;

    /// <summary>True once the hub has acknowledged a subscription (tests wait for it before relying on the push).</summary>
    public bool Subscribed => _subscribed;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var self = grains.CreateObjectReference<IModelPointerObserver>(this);
        var hub = grains.GetGrain<IModelPointerHubGrain>(IModelPointerHubGrain.Key);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var wait = RenewEvery;
                try
                {
                    await hub.SubscribeAsync(self).WaitAsync(cancellationToken).ConfigureAwait(false);
                    _subscribed = true;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Subscribing to model pointer changes failed; trying again in {Retry}, the poll covers changes meanwhile.", RetryAfter);
                    wait = RetryAfter;
                }
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            try
            {
                await hub.UnsubscribeAsync(self).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Unsubscribing from model pointer changes failed at shutdown; the subscription expires by itself.");
            }
            grains.DeleteObjectReference<IModelPointerObserver>(self);
        }
    }

    public Task PointerChangedAsync(string key, long revision)
    {
        logger.LogDebug("Pointer {Key} changed to revision {Revision}.", key, revision);
        _ = follower.RefreshAsync(key, CancellationToken.None);
        return Task.CompletedTask;
    }
}
