using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Runtime;

/// <summary>
/// The activations of one grain type, keyed by grain key: activates on first call, orders calls per activation,
/// collects idle activations. A call that meets an activation being deactivated retries on a fresh one.
/// </summary>
public sealed class GrainActivationTable<TGrain> : IGrainActivationTable
    where TGrain : Grain
{
    private readonly ConcurrentDictionary<string, GrainActivation<TGrain>> _activations = new(StringComparer.Ordinal);
    private readonly Func<string, GrainActivation<TGrain>> _newActivation;
    private readonly ILogger _logger;

    /// <param name="idleTimeout"><see cref="Timeout.InfiniteTimeSpan"/> keeps activations for the silo's lifetime.</param>
    public GrainActivationTable(Func<string, TGrain> create, TimeSpan idleTimeout, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(create);
        IdleTimeout = idleTimeout;
        _logger = logger;
        _newActivation = key => new GrainActivation<TGrain>(key, create, time);
    }

    public Type GrainType => typeof(TGrain);

    public TimeSpan IdleTimeout { get; }

    public int ActivationCount => _activations.Count;

    /// <summary>The grains whose activation has completed, for reports; a snapshot.</summary>
    public IReadOnlyList<TGrain> ActiveGrains =>
    [
        .. _activations.Values.Where(a => !a.IsDeactivated && a.Activated.IsCompletedSuccessfully).Select(a => a.Activated.Result),
    ];

    /// <summary>True when the key has an activation that is not being collected (activated or still activating).</summary>
    public bool HasActivation(string key) => _activations.TryGetValue(key, out var activation) && !activation.IsDeactivated;

    /// <summary>
    /// The activated grain for direct, turn-free reads of state the grain swaps atomically (the classification hot
    /// path). Completes synchronously once the key is active: one dictionary lookup and a timestamp.
    /// </summary>
    public ValueTask<TGrain> GetActivatedAsync(string key)
    {
        var activation = _activations.GetOrAdd(key, _newActivation);
        var activated = activation.Activated;
        if (activated.IsCompletedSuccessfully)
        {
            activation.Touch();
            return new ValueTask<TGrain>(activated.Result);
        }
        return new ValueTask<TGrain>(AwaitActivationAsync(key, activation));
    }

    public async Task<TResult> InvokeAsync<TResult>(string key, GrainCallKind kind, Func<TGrain, Task<TResult>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        while (true)
        {
            var activation = _activations.GetOrAdd(key, _newActivation);
            activation.BeginCall();
            try
            {
                var grain = await AwaitActivationAsync(key, activation).ConfigureAwait(false);
                if (kind == GrainCallKind.AlwaysInterleave)
                {
                    if (activation.IsDeactivated)
                    {
                        await Task.Yield(); // its deactivation is still running; the table drops it in a moment
                        continue;
                    }
                    return await call(grain).ConfigureAwait(false);
                }
                var readOnly = kind == GrainCallKind.ReadOnly;
                await activation.Gate.EnterAsync(readOnly).ConfigureAwait(false);
                try
                {
                    if (activation.IsDeactivated)
                    {
                        continue; // collected while this call waited for its turn
                    }
                    return await call(grain).ConfigureAwait(false);
                }
                finally
                {
                    activation.Gate.Exit(readOnly);
                }
            }
            finally
            {
                activation.EndCall();
            }
        }
    }

    Task<TResult> IGrainActivationTable.InvokeAsync<TResult>(string key, GrainCallKind kind, Func<Grain, Task<TResult>> call) =>
        InvokeAsync(key, kind, grain => call(grain));

    public async Task<int> DeactivateIdleAsync(CancellationToken cancellationToken)
    {
        if (IdleTimeout == Timeout.InfiniteTimeSpan)
        {
            return 0;
        }
        var collected = 0;
        foreach (var (key, activation) in _activations)
        {
            if (activation.IsIdleFor(IdleTimeout) && await TryDeactivateAsync(key, activation, onlyIfIdle: true, cancellationToken).ConfigureAwait(false))
            {
                collected++;
            }
        }
        return collected;
    }

    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        foreach (var (key, activation) in _activations)
        {
            await TryDeactivateAsync(key, activation, onlyIfIdle: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryDeactivateAsync(string key, GrainActivation<TGrain> activation, bool onlyIfIdle, CancellationToken cancellationToken)
    {
        if (!activation.Activated.IsCompleted)
        {
            return false;
        }
        await activation.Gate.EnterAsync(readOnly: false).ConfigureAwait(false);
        try
        {
            // A call that arrived after the idle check is counted and waiting behind this turn: keep the activation.
            if (activation.IsDeactivated || (onlyIfIdle && !activation.IsIdleFor(IdleTimeout)))
            {
                return false;
            }
            activation.MarkDeactivated();
            if (activation.Activated.IsCompletedSuccessfully)
            {
                try
                {
                    await activation.Activated.Result.OnDeactivateAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _logger.LogError(e, "{Grain} '{Key}' failed in OnDeactivateAsync; it is deactivated anyway.", typeof(TGrain).Name, key);
                }
            }
            _activations.TryRemove(new KeyValuePair<string, GrainActivation<TGrain>>(key, activation));
            return true;
        }
        finally
        {
            activation.Gate.Exit(readOnly: false);
        }
    }

    private async Task<TGrain> AwaitActivationAsync(string key, GrainActivation<TGrain> activation)
    {
        try
        {
            return await activation.Activated.ConfigureAwait(false);
        }
        catch
        {
            // Forget the failed activation so the next call tries again instead of replaying the failure forever.
            _activations.TryRemove(new KeyValuePair<string, GrainActivation<TGrain>>(key, activation));
            throw;
        }
    }
}
