using HsActors.Abstractions.Grains;

namespace HsActors.Grains;

/// <summary>
/// The pointer hub's durable list of silo observers, so that a new activation of the hub (after the silo holding it
/// died) can push the next change at once instead of waiting for every silo's next renewal.
/// </summary>
[GenerateSerializer, Alias("hsactors.pointer-hub-subscribers")]
public sealed record PointerHubSubscribers
{
    [Id(0)]
    public IReadOnlyList<IModelPointerObserver> Observers { get; init; } = [];
}
