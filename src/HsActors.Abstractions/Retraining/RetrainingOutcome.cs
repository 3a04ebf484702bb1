namespace HsActors.Abstractions.Retraining;

/// <summary>What one retraining of a chapter (or the router) produced and decided.</summary>
/// <param name="Version">The candidate published; null when training failed.</param>
/// <param name="Decision">"promoted", "candidate" (left for an administrator) or "failed".</param>
[GenerateSerializer, Immutable, Alias("hsactors.retraining-outcome")]
public sealed record RetrainingOutcome(
    [property: Id(0)] string Key,
    [property: Id(1)] string? Version,
    [property: Id(2)] string? ParentVersion,
    [property: Id(3)] string Decision,
    [property: Id(4)] string Reason,
    [property: Id(5)] long AssessmentsThrough,
    [property: Id(6)] int OfficerRows,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] TimeSpan Elapsed,
    [property: Id(9)] IReadOnlyDictionary<string, double> Figures)
{
    public const string Promoted = "promoted";
    public const string Candidate = "candidate";
    public const string Failed = "failed";
}
