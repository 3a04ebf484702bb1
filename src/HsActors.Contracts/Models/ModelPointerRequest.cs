namespace HsActors.Contracts.Models;

/// <summary>
/// The body of the pointer changes: promote and shadow take <see cref="Version"/>, canary takes <see cref="Version"/>
/// and <see cref="Percent"/>, rollback an optional <see cref="ToVersion"/>, pin a <see cref="Reason"/>; every change may
/// carry a reason for the history.
/// </summary>
public sealed record ModelPointerRequest
{
    public string? Version { get; init; }

    public string? ToVersion { get; init; }

    public int? Percent { get; init; }

    public string? Reason { get; init; }
}
