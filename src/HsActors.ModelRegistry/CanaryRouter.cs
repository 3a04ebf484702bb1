using HsActors.Abstractions.Models;

namespace HsActors.ModelRegistry;

/// <summary>
/// Splits traffic between a chapter's active and canary versions by a stable hash of the request key (e.g. the
/// declaration id), so one declaration always sees the same version, in every process and after every restart.
/// Buckets do not depend on the pointer: raising the percentage only adds keys to the canary.
/// </summary>
public static class CanaryRouter
{
    /// <summary>The active version, or the canary when the key's bucket falls below the canary percentage; null when nothing is active.</summary>
    public static string? Choose(ChapterPointer pointer, string requestKey) =>
        IsCanary(pointer, requestKey) ? pointer.CanaryVersion : pointer.ActiveVersion;

    public static bool IsCanary(ChapterPointer pointer, string requestKey)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(requestKey);
        return pointer.ActiveVersion is not null
            && pointer.CanaryVersion is not null
            && pointer.CanaryPercent > 0
            && Bucket(requestKey) < pointer.CanaryPercent;
    }

    /// <summary>0..99, stable across processes (unlike <see cref="string.GetHashCode()"/>).</summary>
    public static int Bucket(ReadOnlySpan<char> requestKey)
    {
        // FNV-1a over the UTF-16 code units, then MurmurHash3's finaliser so the low bits (mod 100) are well mixed.
        var hash = 2166136261u;
        foreach (var c in requestKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        hash ^= hash >> 16;
        hash *= 0x85ebca6bu;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35u;
        hash ^= hash >> 16;
        return (int)(hash % 100u);
    }
}
