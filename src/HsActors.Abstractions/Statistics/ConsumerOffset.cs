namespace HsActors.Abstractions.Statistics;

/// <summary>A stream consumer's position: every entry below <paramref name="NextOffset"/> has been processed.</summary>
public sealed record ConsumerOffset(string Consumer, long NextOffset);
