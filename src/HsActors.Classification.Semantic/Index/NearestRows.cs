using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Index;

/// <summary>The k most similar rows offered so far, most similar first, in a caller's buffer (no allocation per search).</summary>
public ref struct NearestRows(Span<Neighbour> buffer)
{
    private readonly Span<Neighbour> buffer = buffer;

    public int Count { get; private set; }

    public readonly ReadOnlySpan<Neighbour> Found => buffer[..Count];

    public void Offer(HsCode code, float similarity)
    {
        if (Count == buffer.Length && similarity <= buffer[^1].Similarity)
        {
            return;
        }
        var at = Math.Min(Count, buffer.Length - 1);
        while (at > 0 && buffer[at - 1].Similarity < similarity)
        {
            buffer[at] = buffer[at - 1];
            at--;
        }
        buffer[at] = new Neighbour(code, similarity);
        Count = Math.Min(Count + 1, buffer.Length);
    }
}
