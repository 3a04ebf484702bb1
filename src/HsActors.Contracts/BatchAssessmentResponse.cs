namespace HsActors.Contracts;

/// <summary>One acknowledgement per assessment, in the request's order.</summary>
public sealed record BatchAssessmentResponse(IReadOnlyList<AssessmentAccepted> Results);
