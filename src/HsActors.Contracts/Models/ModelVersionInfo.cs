namespace HsActors.Contracts.Models;

/// <summary>One published version: where it stands (active, canary, shadow, candidate, retired, or corrupted: its manifest unreadable, the reason in notes), what it was trained on and its figures.</summary>
public sealed record ModelVersionInfo
{
    public required string Version { get; init; }

    public required string Status { get; init; }

    public string? ParentVersion { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public long Size { get; init; }

    public required string ContentSha256 { get; init; }

    public IReadOnlyDictionary<string, string> TrainingSummary { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, double> Figures { get; init; } = new Dictionary<string, double>();

    public string? Notes { get; init; }
}
