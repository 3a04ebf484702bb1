namespace HsActors.Contracts;

/// <summary>The acknowledgement of an assessment, sent once it is durably in the assessment stream.</summary>
/// <param name="Offset">Where the stream holds it; for a duplicate, where the first copy is.</param>
/// <param name="Duplicate">True when this assessment id had been accepted before: nothing new was recorded.</param>
public sealed record AssessmentAccepted(string AssessmentId, long Offset, bool Duplicate);
