using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace HsActors.Classification.Semantic;

/// <summary>
/// Embeddings of encoder inputs seen before: hubs send the same goods again and again, and a repeated title costs a
/// lookup instead of milliseconds of inference. Bounded: when full it is cleared whole, which is cheap and keeps the
/// currently repeated titles after a short refill.
/// </summary>
public sealed class EmbeddingCache(int capacity)
{
    private readonly ConcurrentDictionary<string, float[]> entries = new(StringComparer.Ordinal);

    public int Capacity { get; } = capacity;

    public int Count => entries.Count;

    public bool TryGet(string input, [NotNullWhen(true)] out float[]? vector) => entries.TryGetValue(input, out vector);

    public float[] GetOrAdd(string input, Func<string, float[]> embed) => TryGet(input, out var known) ? known : Add(input, embed(input));

    /// <summary>Keeps <paramref name="vector"/> as <paramref name="input"/>'s embedding; returns it.</summary>
    public float[] Add(string input, float[] vector)
    {
        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }
        entries.TryAdd(input, vector);
        return vector;
    }
}
