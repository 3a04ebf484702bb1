namespace HsActors.Contracts.Models;

/// <summary>A chapter's retraining: new assessments waiting, whether one runs now, and the last outcome.</summary>
/// <param name="Owned">Whether the silo that answered hosts the chapter's retrainer (and so runs its retrainings).</param>
/// <param name="DeadlineSet">Whether the retraining is scheduled by the "oldest assessment waited long enough" rule.</param>
public sealed record RetrainingState(int Pending, long AssessmentsThrough, bool Running, bool Owned, bool DeadlineSet)
{
    /// <summary>The Orleans silo that hosts the chapter's retrainer.</summary>
    public string? Silo { get; init; }

    public string? LastVersion { get; init; }

    /// <summary>"promoted", "candidate" (waits for an administrator) or "failed".</summary>
    public string? LastDecision { get; init; }

    public string? LastReason { get; init; }

    public DateTimeOffset? LastAt { get; init; }

    public string? LastError { get; init; }
}
