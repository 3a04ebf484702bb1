namespace HsActors.Abstractions.Grains;

/// <summary>What this silo's model cache serves for one chapter now.</summary>
/// <param name="Version">Null when the chapter has no model (no training rows reached it).</param>
public sealed record ChapterModelState(string Chapter, string? Version, DateTimeOffset? LoadedAt)
{
    public string? CanaryVersion { get; init; }

    public int CanaryPercent { get; init; }

    public string? ShadowVersion { get; init; }

    /// <summary>The pointer revision the grain serves (0 for a plain model directory).</summary>
    public long PointerRevision { get; init; }

    /// <summary>Set while a version named by the pointer could not be loaded (checksum, missing blob); the previous versions keep serving.</summary>
    public ModelLoadFault? Fault { get; init; }

    /// <summary>Shadow comparison of the current active/shadow pair; null without a shadow.</summary>
    public ShadowAgreement? Shadow { get; init; }
}
