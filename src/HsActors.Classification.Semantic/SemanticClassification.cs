using HsActors.Classification.Hierarchy;

namespace HsActors.Classification.Semantic;

/// <summary>
/// A line's ranking and whether the encoder took part (false: the hierarchy's answer as it is). <paramref name="EncoderBusy"/>:
/// the cascade would have consulted the encoder, but <see cref="EncoderAdmission"/> had no slot free.
/// </summary>
public sealed record SemanticClassification(ClassificationResult Result, bool EncoderConsulted, bool Indonesian, bool EncoderBusy = false);
