namespace HsActors.Contracts.Models;

/// <summary>What this silo serves for a chapter, with a refused version (<see cref="Fault"/>) and the shadow comparison.</summary>
public sealed record ServedModelState(string? Version, string? CanaryVersion, int CanaryPercent, string? ShadowVersion, long Revision, DateTimeOffset? LoadedAt)
{
    public ModelFault? Fault { get; init; }

    public ShadowComparison? Shadow { get; init; }
}
