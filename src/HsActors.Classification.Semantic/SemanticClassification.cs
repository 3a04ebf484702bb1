using HsActors.Classification.Hierarchy;

namespace HsActors.Classification.Semantic;

/// <summary>A line's ranking and whether the encoder took part (false: the hierarchy's answer as it is).</summary>
public sealed record SemanticClassification(ClassificationResult Result, bool EncoderConsulted, bool Indonesian);
