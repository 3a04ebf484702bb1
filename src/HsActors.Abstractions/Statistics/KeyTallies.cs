using HsActors.Contracts;

namespace HsActors.Abstractions.Statistics;

/// <summary>Adding counts to a snapshot's tallies and reading the most frequent keys back.</summary>
internal static class KeyTallies
{
    public static readonly IReadOnlyDictionary<string, KeyTally> Empty = new Dictionary<string, KeyTally>();

    /// <returns>A new dictionary with the counts added, or <paramref name="current"/> itself when nothing was added.</returns>
    public static IReadOnlyDictionary<string, KeyTally> Merge(
        IReadOnlyDictionary<string, KeyTally> current, IReadOnlyDictionary<string, long> added, DateTimeOffset at)
    {
        if (added.Count == 0)
        {
            return current;
        }
        var merged = new Dictionary<string, KeyTally>(current, StringComparer.Ordinal);
        foreach (var (key, count) in added)
        {
            var previous = merged.GetValueOrDefault(key);
            merged[key] = new KeyTally(previous.Count + count, previous.LastSeen > at ? previous.LastSeen : at);
        }
        return merged;
    }

    /// <summary>Most frequent first; ties go to the most recent, then to the key so the order is stable.</summary>
    public static CodeCount[] Top(IReadOnlyDictionary<string, KeyTally> tallies, int top) =>
    [
        .. tallies
            .OrderByDescending(p => p.Value.Count)
            .ThenByDescending(p => p.Value.LastSeen)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(top)
            .Select(p => new CodeCount(p.Key, p.Value.Count)),
    ];
}
