using HsActors.Abstractions.Grains;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace HsActors.Grains;

/// <summary>
/// Keeps the silos' pointer observers and tells them of each change. Subscriptions live in memory only: every silo
/// renews its own well within <see cref="IModelPointerHubGrain.SubscriptionLifetime"/>, so a new activation of the hub
/// knows every live silo again after one renewal period, and a dead silo's observer simply expires.
/// </summary>
public sealed class ModelPointerHubGrain : Grain, IModelPointerHubGrain
{
    private readonly ObserverManager<IModelPointerObserver> _observers;
    private readonly ILogger<ModelPointerHubGrain> _logger;

    public ModelPointerHubGrain(ILogger<ModelPointerHubGrain> logger)
    {
        _logger = logger;
        _observers = new ObserverManager<IModelPointerObserver>(IModelPointerHubGrain.SubscriptionLifetime, logger);
    }

    public Task SubscribeAsync(IModelPointerObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IModelPointerObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task PublishAsync(string key, long revision)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _logger.LogInformation("Pointer {Key} is at revision {Revision}; telling {Silos} silos.", key, revision, _observers.Count);
        await _observers.Notify(o => o.PointerChangedAsync(key, revision));
    }
}
