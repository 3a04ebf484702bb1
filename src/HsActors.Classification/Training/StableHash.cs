namespace HsActors.Classification.Training;

/// <summary>
/// FNV-1a over UTF-16 code units. string.GetHashCode is randomised per process, and fold and hold-out assignment must
/// be the same on every run and machine.
/// </summary>
public static class StableHash
{
    public static uint Of(ReadOnlySpan<char> text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash;
    }
}
