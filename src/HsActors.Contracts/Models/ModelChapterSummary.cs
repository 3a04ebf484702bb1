namespace HsActors.Contracts.Models;

/// <summary>
/// One chapter key ("84", or "router") in the admin view: its pointer (what every silo should serve), what this silo
/// serves, and its retraining. <see cref="ETag"/> is the pointer's; send it as If-Match to change the pointer safely.
/// </summary>
public sealed record ModelChapterSummary
{
    public required string Chapter { get; init; }

    public string? ActiveVersion { get; init; }

    public string? CanaryVersion { get; init; }

    public int CanaryPercent { get; init; }

    public string? ShadowVersion { get; init; }

    public bool Pinned { get; init; }

    public string? PinReason { get; init; }

    public long Revision { get; init; }

    public string? ETag { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public string? UpdatedBy { get; init; }

    /// <summary>Null when this silo has not loaded the chapter (it loads on first use).</summary>
    public ServedModelState? Served { get; init; }

    public RetrainingState? Retraining { get; init; }
}
