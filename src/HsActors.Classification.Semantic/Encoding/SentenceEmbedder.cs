using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace HsActors.Classification.Semantic.Encoding;

/// <summary>
/// Sentence embeddings from all-MiniLM-L6-v2 in an ONNX Runtime session of our own: texts cut to their real token
/// length, batched by similar length (so padding is within a few tokens), mean pooling over the attended tokens, L2
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
    private readonly string outputName;

    public SentenceEmbedder(EncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTokens, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueryTokens, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IntraOpThreads, 1);
        Options = options;
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session = new InferenceSession(MiniLmResources.ReadModel(), sessionOptions);
        wantsTokenTypes = session.InputMetadata.ContainsKey(TokenTypeIds);
        // The exported graph's first output is the token embeddings (batch × tokens × 384); pooling is ours.
        outputName = session.OutputMetadata.Keys.First();
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

    /// <summary>Lines being classified, as <see cref="EmbedQuery"/> embeds each, batched by length.</summary>
    public void EmbedQueries(IReadOnlyList<string> texts, Span<float> output) => Embed(texts, output, null, Options.QueryTokens);

    /// <summary>Writes each index row's unit-length embedding to <paramref name="output"/> (texts × <see cref="Dimensions"/>), in input order.</summary>
    public void Embed(IReadOnlyList<string> texts, Span<float> output, IProgress<int>? textsDone = null) => Embed(texts, output, textsDone, Options.MaxTokens);

    private void Embed(IReadOnlyList<string> texts, Span<float> output, IProgress<int>? textsDone, int max)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (output.Length != texts.Count * Dimensions)
        {
            throw new ArgumentException($"{output.Length} floats for {texts.Count} embeddings of {Dimensions}.", nameof(output));
        }
        var ids = new long[texts.Count * max];
        var lengths = new int[texts.Count];
        Span<long> mask = stackalloc long[max];
        Span<long> types = stackalloc long[max];
        for (var i = 0; i < texts.Count; i++)
        {
            lengths[i] = tokenizers.Tokenize(texts[i], ids.AsSpan(i * max, max), mask[..max], types[..max]);
        }
        var order = new int[texts.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (a, b) => lengths[a] != lengths[b] ? lengths[a].CompareTo(lengths[b]) : a.CompareTo(b));
        for (var start = 0; start < order.Length; start += Options.BatchSize)
        {
            var batch = order.AsSpan(start, Math.Min(Options.BatchSize, order.Length - start));
            RunBatch(batch, ids, max, lengths, output);
            textsDone?.Report(start + batch.Length);
        }
    }

    private void RunBatch(ReadOnlySpan<int> batch, long[] ids, int max, int[] lengths, Span<float> output)
    {
        var width = 0;
        foreach (var i in batch)
        {
            width = Math.Max(width, lengths[i]);
        }
        var batchIds = new long[batch.Length * width];
        var batchMask = new long[batch.Length * width];
        for (var b = 0; b < batch.Length; b++)
        {
            var i = batch[b];
            ids.AsSpan(i * max, lengths[i]).CopyTo(batchIds.AsSpan(b * width));
            batchMask.AsSpan(b * width, lengths[i]).Fill(1);
        }
        long[] shape = [batch.Length, width];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(batchIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(batchMask, shape);
        using var typesValue = wantsTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[batchIds.Length], shape) : null;
        var names = wantsTokenTypes ? new[] { InputIds, AttentionMask, TokenTypeIds } : [InputIds, AttentionMask];
        var values = wantsTokenTypes ? new[] { idsValue, maskValue, typesValue! } : [idsValue, maskValue];
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, names, values, [outputName]);
        var hidden = results[0].GetTensorDataAsSpan<float>();
        var d = Dimensions;
        for (var b = 0; b < batch.Length; b++)
        {
            var target = output.Slice(batch[b] * d, d);
            target.Clear();
            var tokens = lengths[batch[b]];
            for (var t = 0; t < tokens; t++)
            {
                TensorPrimitives.Add(target, hidden.Slice((b * width + t) * d, d), target);
            }
            // Mean pooling then L2 normalisation: the division by the token count cancels in the normalisation.
            var norm = TensorPrimitives.Norm(target);
            if (norm > 0f)
            {
                TensorPrimitives.Divide(target, norm, target);
            }
        }
    }

    public void Dispose() => session.Dispose();
}
