namespace HsActors.Abstractions.Grains;

/// <summary>A version a chapter refused to load, and why; the chapter keeps serving what it served before.</summary>
public sealed record ModelLoadFault(string Version, string Reason, DateTimeOffset At);
