namespace HsActors.Grains.Retraining;

/// <summary>Where a key's retraining stands, for the admin view.</summary>
/// <param name="Pending">The key's assessments not yet in any version trained here.</param>
/// <param name="AssessmentsThrough">The stream offset up to which the newest version included assessments.</param>
public sealed record RetrainingStatus(string Key, int Pending, long AssessmentsThrough, bool Running, bool Owned, RetrainingOutcome? Last, string? LastError);
