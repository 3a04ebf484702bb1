namespace HsActors.Abstractions.Grains;

/// <param name="Version">Null when the chapter has no model (no training rows reached it).</param>
public sealed record ChapterModelState(string Chapter, string? Version, DateTimeOffset? LoadedAt);
