using System.Collections.Immutable;
using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Index;

/// <summary>
/// The embedding index searched by brute force over int8 rows: the bundled corpus's rows as one segment, and the
/// officers' assessments appended as they arrive, each append a small segment of its own (searches read an immutable
/// list of segments, so appends never block them).
/// </summary>
public sealed class SemanticIndex
{
    /// <summary>Appended segments are merged once there are this many, so a search walks a short list.</summary>
    private const int MaxSegments = 16;

    private readonly Lock appendLock = new();
    private ImmutableArray<EmbeddingSegment> segments;

    public SemanticIndex(string encoderId, int dimensions, IEnumerable<EmbeddingSegment> segments)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(encoderId);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        EncoderId = encoderId;
        Dimensions = dimensions;
        this.segments = [.. segments];
        if (this.segments.Any(s => s.Dimensions != dimensions))
        {
            throw new ArgumentException($"Every segment of a {dimensions}-dimensional index must have {dimensions} dimensions.", nameof(segments));
        }
    }

    public string EncoderId { get; }

    public int Dimensions { get; }

    public ImmutableArray<EmbeddingSegment> Segments => segments;

    public int Count => segments.Sum(s => s.Count);

    public long VectorBytes => segments.Sum(s => s.VectorBytes);

    /// <summary>Adds rows (an officer's assessed description, its code) so that the next search finds them.</summary>
    public void Add(IReadOnlyList<HsCode> codes, ReadOnlySpan<float> embeddings)
    {
        var segment = EmbeddingSegment.FromEmbeddings(Dimensions, codes, embeddings);
        lock (appendLock)
        {
            var next = segments.Add(segment);
            segments = next.Length > MaxSegments ? [next[0], Merge(next.AsSpan()[1..])] : next;
        }
    }

    /// <summary>Writes the <paramref name="buffer"/>.Length most similar rows to <paramref name="query"/> (unit length) into it; returns how many.</summary>
    public int Search(ReadOnlySpan<float> query, Span<Neighbour> buffer)
    {
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"A query of {query.Length} dimensions for an index of {Dimensions}.", nameof(query));
        }
        Span<sbyte> codes = stackalloc sbyte[Dimensions];
        var scale = QuantizedVectors.Quantize(query, codes);
        Span<short> widened = stackalloc short[Dimensions];
        for (var i = 0; i < codes.Length; i++)
        {
            widened[i] = codes[i];
        }
        var best = new NearestRows(buffer);
        foreach (var segment in segments)
        {
            segment.Search(widened, scale, ref best);
        }
        return best.Count;
    }

    private EmbeddingSegment Merge(ReadOnlySpan<EmbeddingSegment> parts)
    {
        var codes = new List<HsCode>();
        var scales = new List<float>();
        var vectors = new List<sbyte>();
        foreach (var part in parts)
        {
            codes.AddRange(part.Codes);
            scales.AddRange(part.Scales);
            vectors.AddRange(part.Vectors);
        }
        return new EmbeddingSegment(Dimensions, [.. codes], [.. scales], [.. vectors]);
    }
}
