namespace HsActors.Grains.Runtime;

/// <summary>
/// Base of every grain: one object per key, created on the key's first call and dropped after it stays idle.
/// The runtime gives an activation one turn at a time, so grain code needs no locks of its own.
/// </summary>
public abstract class Grain
{
    /// <summary>The grain's key; set by the runtime before <see cref="OnActivateAsync"/>.</summary>
    public string Key { get; private set; } = "";

    internal void BindKey(string key) => Key = key;

    /// <summary>Runs once, before the first call reaches the grain; a failure fails that call and the next call retries.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs inside an exclusive turn when the activation is collected; no call reaches it afterwards.</summary>
    public virtual Task OnDeactivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
