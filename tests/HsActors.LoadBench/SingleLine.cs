namespace HsActors.LoadBench;

/// <summary>A line the single-line phase sends: a description, and what a hub may send beside it.</summary>
internal sealed record SingleLine(string Description, string? Category = null, IReadOnlyDictionary<string, string>? Attributes = null);
