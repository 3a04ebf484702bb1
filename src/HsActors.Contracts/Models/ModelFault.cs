namespace HsActors.Contracts.Models;

/// <summary>A version the silo refused to load (e.g. its checksum failed); the previous version keeps serving.</summary>
public sealed record ModelFault(string Version, string Reason, DateTimeOffset At);
