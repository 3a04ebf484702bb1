using System.Collections.Concurrent;
using FastBertTokenizer;

namespace HsActors.Classification.Semantic.Encoding;

/// <summary>
/// FastBertTokenizer instances over the MiniLM vocabulary, lent one per caller: an instance keeps working buffers, so
/// concurrent encodes each take their own.
/// </summary>
internal sealed class WordPieceTokenizerPool(int maxTokens)
{
    private readonly ConcurrentBag<BertTokenizer> idle = [];

    public int MaxTokens { get; } = maxTokens;

    /// <summary>Writes the text's token ids ([CLS] … [SEP], cut at the spans' length, at most <see cref="MaxTokens"/>); returns how many.</summary>
    public int Tokenize(string text, Span<long> ids, Span<long> mask, Span<long> types)
    {
        var tokenizer = idle.TryTake(out var t) ? t : Create();
        try
        {
            var max = Math.Min(MaxTokens, ids.Length);
            return tokenizer.Encode(text, ids[..max], mask[..max], types[..max], padTo: null);
        }
        finally
        {
            idle.Add(tokenizer);
        }
    }

    private static BertTokenizer Create()
    {
        var tokenizer = new BertTokenizer();
        using var vocabulary = MiniLmResources.OpenVocabulary();
        tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: true);
        return tokenizer;
    }
}
