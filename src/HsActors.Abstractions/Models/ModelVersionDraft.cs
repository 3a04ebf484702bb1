namespace HsActors.Abstractions.Models;

/// <summary>What a trainer knows about a version it publishes; the registry adds the checksum, size and (by default) id and time.</summary>
public sealed record ModelVersionDraft
{
    public required string CreatedBy { get; init; }

    /// <summary>Null: the registry generates a sortable unique id. Letters, digits, '-' and '_' only.</summary>
    public string? Version { get; init; }

    public string? ParentVersion { get; init; }

    /// <summary>Null: now.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    public IReadOnlyDictionary<string, TrainingSummaryValue> TrainingSummary { get; init; } = new Dictionary<string, TrainingSummaryValue>();

    /// <summary>Finite numbers only.</summary>
    public IReadOnlyDictionary<string, double> Figures { get; init; } = new Dictionary<string, double>();

    public string? Notes { get; init; }
}
