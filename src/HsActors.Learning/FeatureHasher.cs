namespace HsActors.Learning;

/// <summary>
/// Stable, non-cryptographic hash for the hashing trick: 32-bit FNV-1a over UTF-16 code units, finished with the
/// MurmurHash3 avalanche so the low bits used as a bucket index depend on every character. Word and char n-grams use
/// different seeds so that, e.g., the word "abc" and the character gram "abc" do not always share a bucket. The value
/// must never change: persisted hashed models depend on it.
/// </summary>
internal static class FeatureHasher
{
    public const uint WordSeed = 0x9E3779B9;
    public const uint CharSeed = 0x85EBCA6B;

    private const uint FnvOffsetBasis = 2166136261;
    private const uint FnvPrime = 16777619;

    public static uint Seed(TermKind kind) => kind == TermKind.Word ? WordSeed : CharSeed;

    public static uint Hash(ReadOnlySpan<char> text, uint seed)
    {
        var hash = FnvOffsetBasis ^ seed;
        foreach (var c in text)
        {
            hash = (hash ^ c) * FnvPrime;
        }
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        return hash;
    }

    public static int Bucket(ReadOnlySpan<char> text, TermKind kind, int mask) => (int)(Hash(text, Seed(kind)) & (uint)mask);
}
