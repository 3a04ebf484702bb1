using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace HsActors.Classification.Semantic.Encoding;

/// <summary>
/// Sentence embeddings from all-MiniLM-L6-v2, in the graph <see cref="EncoderGraph"/> makes (int8 weight matrices), in an ONNX
/// Runtime session of our own: each text cut to its real token length and run alone, mean pooling over its tokens, L2
/// normalisation. Thread-safe: ONNX Runtime sessions accept concurrent runs.
/// </summary>
public sealed class SentenceEmbedder : IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";

    private readonly InferenceSession session;
    private readonly WordPieceTokenizerPool tokenizers;
    private readonly bool wantsTokenTypes;

    public SentenceEmbedder(EncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTokens, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueryTokens, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IntraOpThreads, 1);
        Options = options;
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session = new InferenceSession(EncoderGraph.Build(MiniLmResources.ReadModel(), MiniLmResources.TokenEmbeddings), sessionOptions);
        wantsTokenTypes = session.InputMetadata.ContainsKey(TokenTypeIds);
        tokenizers = new WordPieceTokenizerPool(Math.Max(options.MaxTokens, options.QueryTokens));
    }

    public EncoderOptions Options { get; }

    public int Dimensions => MiniLmResources.Dimensions;

    /// <summary>One index row's unit-length embedding (cut at <see cref="EncoderOptions.MaxTokens"/>).</summary>
    public float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        Embed([text], vector);
        return vector;
    }

    /// <summary>One line's unit-length embedding, as it is searched for (cut at <see cref="EncoderOptions.QueryTokens"/>).</summary>
    public float[] EmbedQuery(string text)
    {
        var vector = new float[Dimensions];
        Embed([text], vector, null, Options.QueryTokens);
        return vector;
    }

    /// <summary>Lines being classified, each embedded as <see cref="EmbedQuery"/> would.</summary>
    public void EmbedQueries(IReadOnlyList<string> texts, Span<float> output) => Embed(texts, output, null, Options.QueryTokens);

    /// <summary>Writes each index row's unit-length embedding to <paramref name="output"/> (texts × <see cref="Dimensions"/>), in input order.</summary>
    public void Embed(IReadOnlyList<string> texts, Span<float> output, IProgress<int>? textsDone = null) => Embed(texts, output, textsDone, Options.MaxTokens);

    /// <summary>
    /// One inference per text, never a padded batch: the int8 graph quantises its activations per call, over every token
    /// it is given, so in a batch a text's embedding would depend on its batch-mates and a line could be answered
    /// differently alone and in a batch. Alone, a text also wastes nothing on padding.
    /// </summary>
    private void Embed(IReadOnlyList<string> texts, Span<float> output, IProgress<int>? textsDone, int max)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (output.Length != texts.Count * Dimensions)
        {
            throw new ArgumentException($"{output.Length} floats for {texts.Count} embeddings of {Dimensions}.", nameof(output));
        }
        var ids = new long[max];
        var mask = new long[max];
        var types = new long[max];
        for (var i = 0; i < texts.Count; i++)
        {
            var length = tokenizers.Tokenize(texts[i], ids, mask, types);
            RunOne(ids.AsSpan(0, length), output.Slice(i * Dimensions, Dimensions));
            textsDone?.Report(i + 1);
        }
    }

    private void RunOne(ReadOnlySpan<long> tokenIds, Span<float> target)
    {
        long[] shape = [1, tokenIds.Length];
        var ids = tokenIds.ToArray();
        var mask = new long[ids.Length];
        Array.Fill(mask, 1L);
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = wantsTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape) : null;
        var names = wantsTokenTypes ? new[] { InputIds, AttentionMask, TokenTypeIds } : [InputIds, AttentionMask];
        var values = wantsTokenTypes ? new[] { idsValue, maskValue, typesValue! } : [idsValue, maskValue];
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, names, values, [MiniLmResources.TokenEmbeddings]);
        var hidden = results[0].GetTensorDataAsSpan<float>();
        var d = Dimensions;
        target.Clear();
        for (var t = 0; t < ids.Length; t++)
        {
            TensorPrimitives.Add(target, hidden.Slice(t * d, d), target);
        }
        // Mean pooling then L2 normalisation: the division by the token count cancels in the normalisation.
        var norm = TensorPrimitives.Norm(target);
        if (norm > 0f)
        {
            TensorPrimitives.Divide(target, norm, target);
        }
    }

    public void Dispose() => session.Dispose();
}
