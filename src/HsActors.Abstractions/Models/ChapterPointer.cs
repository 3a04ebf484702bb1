namespace HsActors.Abstractions.Models;

/// <summary>
/// The mutable document <c>pointers/{chapter}.json</c>: which version serves the chapter, which one takes a canary share,
/// which one shadows. Changed only by compare-and-swap, so concurrent administrators cannot overwrite each other.
/// </summary>
[GenerateSerializer, Immutable, Alias("hsactors.chapter-pointer")]
public sealed record ChapterPointer
{
    public const int DefaultHistoryLimit = 100;

    [Id(0)]
    public required string Chapter { get; init; }

    [Id(1)]
    public string? ActiveVersion { get; init; }

    [Id(2)]
    public string? CanaryVersion { get; init; }

    /// <summary>0..100: the share of request keys routed to <see cref="CanaryVersion"/>.</summary>
    [Id(3)]
    public int CanaryPercent { get; init; }

    [Id(4)]
    public string? ShadowVersion { get; init; }

    /// <summary>A pinned chapter refuses automatic promotion; administrators can still promote by hand.</summary>
    [Id(5)]
    public bool Pinned { get; init; }

    [Id(6)]
    public string? PinReason { get; init; }

    /// <summary>Number of changes ever applied (not bounded like <see cref="History"/>).</summary>
    [Id(7)]
    public long Revision { get; init; }

    [Id(8)]
    public DateTimeOffset UpdatedAt { get; init; }

    [Id(9)]
    public string UpdatedBy { get; init; } = string.Empty;

    /// <summary>The most recent changes, oldest first, bounded (<see cref="DefaultHistoryLimit"/> by default).</summary>
    [Id(10)]
    public IReadOnlyList<PointerChange> History { get; init; } = [];
}
