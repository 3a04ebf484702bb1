namespace HsActors.Grains.Runtime;

/// <summary>One live grain: its object, its turn gate, and what idle collection needs to know.</summary>
internal sealed class GrainActivation<TGrain>
    where TGrain : Grain
{
    private readonly Lazy<Task<TGrain>> _activated;
    private readonly TimeProvider _time;
    private long _lastUsed;
    private int _calls;
    private volatile bool _deactivated;

    public GrainActivation(string key, Func<string, TGrain> create, TimeProvider time)
    {
        _time = time;
        _lastUsed = time.GetTimestamp();
        // ExecutionAndPublication: however many callers race on a fresh key, the grain is created and activated once.
        _activated = new Lazy<Task<TGrain>>(() => ActivateAsync(key, create), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public TurnGate Gate { get; } = new();

    public Task<TGrain> Activated => _activated.Value;

    public bool IsDeactivated => _deactivated;

    public void MarkDeactivated() => _deactivated = true;

    public void Touch() => Volatile.Write(ref _lastUsed, _time.GetTimestamp());

    public void BeginCall() => Interlocked.Increment(ref _calls);

    public void EndCall()
    {
        Touch();
        Interlocked.Decrement(ref _calls);
    }

    public bool IsIdleFor(TimeSpan idleTimeout) =>
        Volatile.Read(ref _calls) == 0
        && _activated is { IsValueCreated: true, Value.IsCompletedSuccessfully: true }
        && _time.GetElapsedTime(Volatile.Read(ref _lastUsed)) >= idleTimeout;

    private static async Task<TGrain> ActivateAsync(string key, Func<string, TGrain> create)
    {
        var grain = create(key);
        grain.BindKey(key);
        await grain.OnActivateAsync(CancellationToken.None).ConfigureAwait(false);
        return grain;
    }
}
