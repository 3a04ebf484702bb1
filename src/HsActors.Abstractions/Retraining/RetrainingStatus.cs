namespace HsActors.Abstractions.Retraining;

/// <summary>Where a key's retraining stands, for the admin view.</summary>
/// <param name="Pending">The key's assessments not yet in any version trained here.</param>
/// <param name="AssessmentsThrough">The stream offset up to which the newest version included assessments.</param>
/// <param name="Silo">The Orleans silo that hosts the key's retrainer grain, and so runs its retrainings.</param>
/// <param name="DeadlineSet">Whether the durable reminder of the "oldest assessment waited long enough" rule is set.</param>
[GenerateSerializer, Immutable, Alias("hsactors.retraining-status")]
public sealed record RetrainingStatus(
    [property: Id(0)] string Key,
    [property: Id(1)] int Pending,
    [property: Id(2)] long AssessmentsThrough,
    [property: Id(3)] bool Running,
    [property: Id(4)] string Silo,
    [property: Id(5)] bool DeadlineSet,
    [property: Id(6)] RetrainingOutcome? Last,
    [property: Id(7)] string? LastError);
