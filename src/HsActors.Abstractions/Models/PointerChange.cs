namespace HsActors.Abstractions.Models;

/// <summary>
/// The audit record of one pointer change: appended to the pointer's history and returned to the caller, who writes it
/// to the silo's audit trail.
/// </summary>
[GenerateSerializer, Immutable, Alias("hsactors.pointer-change")]
public sealed record PointerChange
{
    /// <summary>Unique per change; lets a retried write recognise that its first attempt already landed.</summary>
    [Id(0)]
    public required string Id { get; init; }

    [Id(1)]
    public required string Chapter { get; init; }

    /// <summary>The pointer revision this change produced (1 for the pointer's first change).</summary>
    [Id(2)]
    public required long Revision { get; init; }

    [Id(3)]
    public required PointerAction Action { get; init; }

    [Id(4)]
    public required DateTimeOffset At { get; init; }

    [Id(5)]
    public required string By { get; init; }

    /// <summary>The version the changed slot named before (active for promote/rollback, canary, shadow); null for pin/unpin.</summary>
    [Id(6)]
    public string? FromVersion { get; init; }

    /// <summary>The version the changed slot names now; null when cleared.</summary>
    [Id(7)]
    public string? ToVersion { get; init; }

    /// <summary>The canary share after a canary change.</summary>
    [Id(8)]
    public int? CanaryPercent { get; init; }

    [Id(9)]
    public string? Reason { get; init; }
}
