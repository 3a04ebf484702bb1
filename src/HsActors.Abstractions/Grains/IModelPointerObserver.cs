using Orleans.Concurrency;

namespace HsActors.Abstractions.Grains;

/// <summary>A silo's model cache, as the pointer hub sees it.</summary>
[Alias("hsactors.pointer-observer")]
public interface IModelPointerObserver : IGrainObserver
{
    /// <summary>One-way: the hub does not wait for a silo to load the new version.</summary>
    [OneWay]
    [Alias("changed")]
    Task PointerChangedAsync(string key, long revision);
}
