namespace HsActors.Classification.Semantic;

/// <summary>Which stages classify a line.</summary>
public enum ClassificationMode
{
    /// <summary>The hierarchy consults the encoder only when unsure (the default).</summary>
    Cascade,

    /// <summary>The hierarchy alone: today's path, untouched.</summary>
    Fast,

    /// <summary>Every line through the encoder and fused.</summary>
    Full,
}
