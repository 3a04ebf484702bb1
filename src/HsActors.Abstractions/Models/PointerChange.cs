namespace HsActors.Abstractions.Models;

/// <summary>
/// The audit record of one pointer change: appended to the pointer's history and returned to the caller, who writes it
/// to the silo's audit trail.
/// </summary>
public sealed record PointerChange
{
    /// <summary>Unique per change; lets a retried write recognise that its first attempt already landed.</summary>
    public required string Id { get; init; }

    public required string Chapter { get; init; }

    /// <summary>The pointer revision this change produced (1 for the pointer's first change).</summary>
    public required long Revision { get; init; }

    public required PointerAction Action { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string By { get; init; }

    /// <summary>The version the changed slot named before (active for promote/rollback, canary, shadow); null for pin/unpin.</summary>
    public string? FromVersion { get; init; }

    /// <summary>The version the changed slot names now; null when cleared.</summary>
    public string? ToVersion { get; init; }

    /// <summary>The canary share after a canary change.</summary>
    public int? CanaryPercent { get; init; }

    public string? Reason { get; init; }
}
