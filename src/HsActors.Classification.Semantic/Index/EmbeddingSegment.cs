using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Index;

/// <summary>An immutable block of int8 row vectors with their codes; an index is a list of these.</summary>
public sealed class EmbeddingSegment
{
    private readonly sbyte[] vectors;
    private readonly float[] scales;
    private readonly HsCode[] codes;

    public EmbeddingSegment(int dimensions, HsCode[] codes, float[] scales, sbyte[] vectors)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(vectors);
        if (scales.Length != codes.Length || vectors.Length != codes.Length * dimensions)
        {
            throw new ArgumentException($"{codes.Length} codes, {scales.Length} scales and {vectors.Length} int8 components do not make rows of {dimensions}.");
        }
        Dimensions = dimensions;
        this.codes = codes;
        this.scales = scales;
        this.vectors = vectors;
    }

    /// <summary>Quantises unit-length float embeddings (rows × dimensions) with their codes.</summary>
    public static EmbeddingSegment FromEmbeddings(int dimensions, IReadOnlyList<HsCode> codes, ReadOnlySpan<float> embeddings)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var vectors = new sbyte[codes.Count * dimensions];
        var scales = new float[codes.Count];
        for (var i = 0; i < codes.Count; i++)
        {
            scales[i] = QuantizedVectors.Quantize(embeddings.Slice(i * dimensions, dimensions), vectors.AsSpan(i * dimensions, dimensions));
        }
        return new EmbeddingSegment(dimensions, [.. codes], scales, vectors);
    }

    public int Dimensions { get; }

    public int Count => codes.Length;

    public ReadOnlySpan<HsCode> Codes => codes;

    public ReadOnlySpan<float> Scales => scales;

    public ReadOnlySpan<sbyte> Vectors => vectors;

    /// <summary>Bytes held by the vectors and scales (the codes' strings are shared with the nomenclature's).</summary>
    public long VectorBytes => vectors.LongLength + scales.LongLength * sizeof(float);

    /// <summary>Offers every row's similarity to <paramref name="query"/> (int8, with its scale) to <paramref name="best"/>.</summary>
    public void Search(scoped ReadOnlySpan<short> query, float queryScale, ref NearestRows best)
    {
        var d = Dimensions;
        for (var i = 0; i < codes.Length; i++)
        {
            var similarity = QuantizedVectors.Dot(query, vectors.AsSpan(i * d, d)) * queryScale * scales[i];
            best.Offer(codes[i], similarity);
        }
    }
}
