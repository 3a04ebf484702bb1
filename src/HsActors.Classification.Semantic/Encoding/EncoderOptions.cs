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
    /// runs to 50 tokens at the median and 150 at most, and the encoder's cost grows with every one; the first 32 carry
    /// the title and mostly the category. On the dev set 32 tokens scored as well as 48 (fused top-1 at 2, 4, 6 digits
    /// 60.8 / 39.2 / 24.6 % against 60.8 / 38.8 / 24.6 %) at about 0.7 of the encoder's time a line; 24 lost 8 points at
    /// 2 digits for the nearest rows alone (<c>hs evaluate --semantic</c>, the bench's <c>semantic</c> verb).
    /// </summary>
    public int QueryTokens { get; init; } = 32;
}
