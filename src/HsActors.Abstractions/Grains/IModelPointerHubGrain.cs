namespace HsActors.Abstractions.Grains;

/// <summary>
/// Fans a pointer change out to every silo's model cache (key: <see cref="Key"/>, one activation in the cluster).
/// Silos subscribe an observer and renew it well within <see cref="SubscriptionLifetime"/>; a silo that died simply
/// stops renewing. The hub keeps its list as grain state, so when its activation moves after a silo's death the next
/// change still reaches every live silo; each silo's slow poll of the pointers is the backstop.
/// </summary>
[Alias("hsactors.pointer-hub")]
public interface IModelPointerHubGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>How long a subscription lasts without renewal.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(1);

    [Alias("subscribe")]
    Task SubscribeAsync(IModelPointerObserver observer);

    [Alias("unsubscribe")]
    Task UnsubscribeAsync(IModelPointerObserver observer);

    /// <summary>Tells every subscribed silo that <paramref name="key"/>'s pointer changed to <paramref name="revision"/>.</summary>
    [Alias("publish")]
    Task PublishAsync(string key, long revision);
}
