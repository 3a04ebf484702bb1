namespace HsActors.Abstractions.Grains;

/// <summary>A version a silo refused to load, and why; it keeps serving what it served before.</summary>
[GenerateSerializer, Immutable, Alias("hsactors.model-load-fault")]
public sealed record ModelLoadFault([property: Id(0)] string Version, [property: Id(1)] string Reason, [property: Id(2)] DateTimeOffset At);
