namespace HsActors.Abstractions.Streaming;

/// <param name="Offset">The stream offset holding the assessment; for a duplicate, the offset of the first append.</param>
/// <param name="Duplicate">True when the AssessmentId was already in the stream and nothing was written.</param>
public readonly record struct StreamAppendResult(long Offset, bool Duplicate);
