namespace HsActors.Contracts.Models;

/// <summary>A chapter's retraining: new assessments waiting, whether one runs now, and the last outcome.</summary>
public sealed record RetrainingState(int Pending, long AssessmentsThrough, bool Running, bool Owned)
{
    public string? LastVersion { get; init; }

    /// <summary>"promoted", "candidate" (waits for an administrator) or "failed".</summary>
    public string? LastDecision { get; init; }

    public string? LastReason { get; init; }

    public DateTimeOffset? LastAt { get; init; }

    public string? LastError { get; init; }
}
