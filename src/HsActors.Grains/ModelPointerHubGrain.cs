using HsActors.Abstractions.Grains;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace HsActors.Grains;

/// <summary>
/// Keeps the silos' pointer observers and tells them of each change. Every silo renews its subscription well within
/// <see cref="IModelPointerHubGrain.SubscriptionLifetime"/>, so a dead silo's observer expires by itself. The list is
/// also kept as grain state: when the hub's silo dies, the new activation elsewhere starts with every live silo's
/// observer instead of an empty list, so a change made right after the move is still pushed to all of them.
/// </summary>
public sealed class ModelPointerHubGrain : Grain, IModelPointerHubGrain
{
    private readonly IPersistentState<PointerHubSubscribers> _state;
    private readonly ObserverManager<IModelPointerObserver> _observers;
    private readonly ILogger<ModelPointerHubGrain> _logger;

    public ModelPointerHubGrain(
        [PersistentState("subscribers", GrainStorageNames.State)] IPersistentState<PointerHubSubscribers> state,
        ILogger<ModelPointerHubGrain> logger)
    {
        _state = state;
        _logger = logger;
        _observers = new ObserverManager<IModelPointerObserver>(IModelPointerHubGrain.SubscriptionLifetime, logger);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Each remembered observer gets a fresh lease: a live silo renews it, a dead one lets it expire.
        foreach (var observer in _state.State.Observers)
            _observers.Subscribe(observer, observer);
        _logger.LogInformation("Pointer hub activated with {Silos} remembered silo observers.", _observers.Count);
        return Task.CompletedTask;
    }

    public async Task SubscribeAsync(IModelPointerObserver observer)
    {
        var known = _observers.Observers.ContainsKey(observer);
        _observers.Subscribe(observer, observer);
        if (!known)
            await RememberAsync();
    }

    public async Task UnsubscribeAsync(IModelPointerObserver observer)
    {
        _observers.Unsubscribe(observer);
        await RememberAsync();
    }

    public async Task PublishAsync(string key, long revision)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        _logger.LogInformation("Pointer {Key} is at revision {Revision}; telling {Silos} silos.", key, revision, _observers.Count);
        await _observers.Notify(o => o.PointerChangedAsync(key, revision));
    }

    private async Task RememberAsync()
    {
        _observers.ClearExpired();
        _state.State = new PointerHubSubscribers { Observers = [.. _observers.Observers.Values] };
        try
        {
            await _state.WriteStateAsync();
        }
        catch (Exception e)
        {
            // Only the fast path after a move of the hub depends on the list; the renewals rebuild it either way.
            _logger.LogWarning(e, "The pointer hub could not store its {Silos} silo observers.", _observers.Count);
        }
    }
}
