namespace HsActors.Classification.Semantic.Encoding;

public sealed record EncoderOptions
{
    /// <summary>ONNX Runtime's threads within one inference; 1 keeps a silo's other core for the hierarchy and HTTP.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>
    /// Tokens per text, [CLS] and [SEP] included. Titles are short; index rows (a code's text with its ancestry) are
    /// cut here too, and attention cost grows with the square of the length.
    /// </summary>
    public int MaxTokens { get; init; } = 128;

    /// <summary>
    /// Tokens per line being classified, [CLS] and [SEP] included. A marketplace line with its category and attributes
    /// runs to a hundred tokens, and the encoder's cost grows with every one; its first 48 carry the title and the
    /// category. On the dev set, cutting there left fused top-1 at 2/4/6 digits within a line of the uncut figures
    /// and made each line about three times cheaper to encode (<c>hs evaluate</c>, the bench's <c>semantic</c> verb).
    /// </summary>
    public int QueryTokens { get; init; } = 48;
}
