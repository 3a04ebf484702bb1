using System.Text.Json.Serialization;

namespace HsActors.Abstractions.Models;

/// <summary>
/// The immutable description stored next to a model blob as <c>models/{chapter}/{version}.manifest.json</c>.
/// The registry computes <see cref="ContentSha256"/>, <see cref="Size"/> and (unless the draft names one) <see cref="Version"/>.
/// </summary>
public sealed record ModelVersionManifest
{
    /// <summary>Chapter key: two digits ("84") or "router".</summary>
    public required string Chapter { get; init; }

    /// <summary>Unique within the chapter; generated ids sort by creation time ("20261123T101500123Z-3fa2c1").</summary>
    public required string Version { get; init; }

    /// <summary>The version this one was trained from (warm start, incremental rows), if any.</summary>
    public string? ParentVersion { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    /// <summary>What the model was trained on: row counts, sources, date ranges, options.</summary>
    public IReadOnlyDictionary<string, TrainingSummaryValue> TrainingSummary { get; init; } = new Dictionary<string, TrainingSummaryValue>();

    /// <summary>Evaluation figures (accuracy, macro F1, ECE …) the administration compares versions by.</summary>
    public IReadOnlyDictionary<string, double> Figures { get; init; } = new Dictionary<string, double>();

    /// <summary>Lower-case hex SHA-256 of the model blob; checked on every open.</summary>
    public required string ContentSha256 { get; init; }

    /// <summary>Model blob length in bytes.</summary>
    public required long Size { get; init; }

    public string? Notes { get; init; }

    /// <summary>Derived from the chapter pointer by the registry when it reads the manifest; never stored.</summary>
    [JsonIgnore]
    public ModelVersionStatus Status { get; init; }
}
