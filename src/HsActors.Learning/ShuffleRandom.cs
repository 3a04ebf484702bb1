namespace HsActors.Learning;

/// <summary>
/// A small seeded generator (SplitMix64) for the per-pass permutations of coordinate descent: deterministic for a
/// given seed and class, independent of thread scheduling, and cheap enough to draw once per row per pass.
/// </summary>
internal struct ShuffleRandom(ulong seed)
{
    private ulong _state = seed;

    public static ShuffleRandom ForClass(int seed, int classIndex) =>
        new(unchecked(((ulong)(uint)seed << 32) ^ (uint)classIndex ^ 0x9E3779B97F4A7C15UL));

    /// <summary>A uniform integer in [0, exclusiveMax).</summary>
    public int NextBelow(int exclusiveMax)
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        var z = _state;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(((z >> 32) * (ulong)exclusiveMax) >> 32);
    }

    /// <summary>Fisher–Yates shuffle of the first <paramref name="count"/> entries.</summary>
    public void Shuffle(Span<int> items, int count)
    {
        for (var i = 0; i < count - 1; i++)
        {
            var j = i + NextBelow(count - i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
