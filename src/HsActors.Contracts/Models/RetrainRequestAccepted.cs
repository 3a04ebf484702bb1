namespace HsActors.Contracts.Models;

/// <summary>202 to a forced retraining: it runs in the background; watch the chapter's retraining state.</summary>
public sealed record RetrainRequestAccepted(string Chapter, bool Started, string Detail);
