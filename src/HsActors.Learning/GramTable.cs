namespace HsActors.Learning;

/// <summary>
/// Read-only n-gram → feature map for the Transform hot path. Open addressing over one array of (hash, feature)
/// slots, with the n-gram text of every feature packed into one char array for the collision check: a lookup touches
/// about two cache lines, where a Dictionary of strings touches three or four, and hashes with the cheap
/// <see cref="FeatureHasher"/> instead of a randomised string hash. Features 0..WordCount-1 are word n-grams, the rest
/// char n-grams, so the same text may appear once of each kind.
/// </summary>
internal sealed class GramTable
{
    private readonly ulong[] _slots;      // (hash << 32) | (feature + 1); 0 = empty
    private readonly int _mask;
    private readonly char[] _text;
    private readonly int[] _start;        // feature -> offset in _text; _start[Count] = _text.Length

    public GramTable(IReadOnlyList<string> words, IReadOnlyList<string> chars)
    {
        if ((long)words.Count + chars.Count > 1 << 28)
        {
            throw new ArgumentException($"A vocabulary of {(long)words.Count + chars.Count} n-grams is too large; use hashing instead.");
        }
        WordCount = words.Count;
        Count = words.Count + chars.Count;
        _start = new int[Count + 1];
        for (var feature = 0; feature < Count; feature++)
        {
            _start[feature + 1] = _start[feature] + GramOf(words, chars, feature).Length;
        }
        _text = new char[_start[Count]];
        var capacity = Math.Max(16, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Count) * 2);   // load factor <= 1/2
        _slots = new ulong[capacity];
        _mask = capacity - 1;
        for (var feature = 0; feature < Count; feature++)
        {
            var gram = GramOf(words, chars, feature);
            gram.CopyTo(_text.AsSpan(_start[feature]));
            var kind = KindOf(feature);
            if (Find(gram, kind) >= 0)
            {
                throw new ArgumentException($"The {kind} n-gram '{gram}' appears twice in the vocabulary.");
            }
            var hash = FeatureHasher.Hash(gram, FeatureHasher.Seed(kind));
            var slot = (int)(hash & (uint)_mask);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }
            _slots[slot] = ((ulong)hash << 32) | (uint)(feature + 1);
        }
    }

    public int Count { get; }

    public int WordCount { get; }

    public TermKind KindOf(int feature) => feature < WordCount ? TermKind.Word : TermKind.Char;

    public ReadOnlySpan<char> Gram(int feature) => _text.AsSpan(_start[feature], _start[feature + 1] - _start[feature]);

    /// <returns>The feature of the n-gram, or -1 when it is not in the vocabulary.</returns>
    public int Find(ReadOnlySpan<char> gram, TermKind kind)
    {
        var hash = FeatureHasher.Hash(gram, FeatureHasher.Seed(kind));
        var slot = (int)(hash & (uint)_mask);
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }
            if ((uint)(entry >> 32) == hash)
            {
                var feature = (int)(uint)entry - 1;
                if (KindOf(feature) == kind && Gram(feature).SequenceEqual(gram))
                {
                    return feature;
                }
            }
            slot = (slot + 1) & _mask;
        }
    }

    private static string GramOf(IReadOnlyList<string> words, IReadOnlyList<string> chars, int feature) =>
        feature < words.Count ? words[feature] : chars[feature - words.Count];
}
