namespace HsActors.Abstractions.Streaming;

/// <summary>One assessment as read back from the stream, with the offset it was stored at.</summary>
public sealed record StreamEntry(long Offset, AssessmentRecord Record);
