namespace HsActors.Abstractions.Statistics;

/// <summary>How often a key (code, chapter, agent, country) occurred for an importer, and when it last did.</summary>
public readonly record struct KeyTally(long Count, DateTimeOffset LastSeen);
