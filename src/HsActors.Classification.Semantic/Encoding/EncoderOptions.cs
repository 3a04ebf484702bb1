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

    /// <summary>Texts per inference; a batch is padded only to its own longest text, and texts are batched by length.</summary>
    public int BatchSize { get; init; } = 32;
}
