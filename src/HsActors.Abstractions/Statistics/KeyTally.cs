namespace HsActors.Abstractions.Statistics;

/// <summary>How often a key (code, chapter, agent, country) occurred for an importer, and when it last did.</summary>
[GenerateSerializer, Immutable, Alias("hsactors.key-tally")]
public readonly record struct KeyTally([property: Id(0)] long Count, [property: Id(1)] DateTimeOffset LastSeen);
