namespace HsActors.Grains.Retraining;

/// <summary>What one retraining of a chapter (or the router) produced and decided.</summary>
/// <param name="Version">The candidate published; null when training failed.</param>
/// <param name="Decision">"promoted", "candidate" (left for an administrator) or "failed".</param>
public sealed record RetrainingOutcome(
    string Key,
    string? Version,
    string? ParentVersion,
    string Decision,
    string Reason,
    long AssessmentsThrough,
    int OfficerRows,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, double> Figures)
{
    public const string Promoted = "promoted";
    public const string Candidate = "candidate";
    public const string Failed = "failed";
}
