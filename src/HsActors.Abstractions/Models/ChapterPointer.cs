namespace HsActors.Abstractions.Models;

/// <summary>
/// The mutable document <c>pointers/{chapter}.json</c>: which version serves the chapter, which one takes a canary share,
/// which one shadows. Changed only by compare-and-swap, so concurrent administrators cannot overwrite each other.
/// </summary>
public sealed record ChapterPointer
{
    public const int DefaultHistoryLimit = 100;

    public required string Chapter { get; init; }

    public string? ActiveVersion { get; init; }

    public string? CanaryVersion { get; init; }

    /// <summary>0..100: the share of request keys routed to <see cref="CanaryVersion"/>.</summary>
    public int CanaryPercent { get; init; }

    public string? ShadowVersion { get; init; }

    /// <summary>A pinned chapter refuses automatic promotion; administrators can still promote by hand.</summary>
    public bool Pinned { get; init; }

    public string? PinReason { get; init; }

    /// <summary>Number of changes ever applied (not bounded like <see cref="History"/>).</summary>
    public long Revision { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public string UpdatedBy { get; init; } = string.Empty;

    /// <summary>The most recent changes, oldest first, bounded (<see cref="DefaultHistoryLimit"/> by default).</summary>
    public IReadOnlyList<PointerChange> History { get; init; } = [];
}
