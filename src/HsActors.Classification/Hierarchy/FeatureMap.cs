using System.Numerics;
using HsActors.Learning;

namespace HsActors.Classification.Hierarchy;

/// <summary>
/// Maps the shared vectorizer's feature ids onto the few a chapter's training rows ever used, so a chapter's
/// weight matrix is sized by its own vocabulary rather than the whole corpus's.
/// </summary>
public sealed class FeatureMap
{
    private readonly int[] _globalIds; // sorted; local id = position

    // A rank index over the global id space, for maps dense enough that it costs less than the ids themselves (a
    // chapter's map knows a good share of the vocabulary; a national-line model's map knows a few hundred ids): bit g of
    // _present says whether global id g is known, _rankBefore[w] counts the known ids below word w, so a lookup is two
    // reads and a popcount instead of a search. Null for sparse maps, which gallop (LocalId).
    private readonly ulong[]? _present;
    private readonly int[]? _rankBefore;

    public FeatureMap(int[] sortedGlobalIds)
    {
        for (var i = 1; i < sortedGlobalIds.Length; i++)
        {
            if (sortedGlobalIds[i] <= sortedGlobalIds[i - 1])
            {
                throw new ArgumentException("Feature ids must be sorted and unique.", nameof(sortedGlobalIds));
            }
        }
        _globalIds = sortedGlobalIds;
        if (sortedGlobalIds.Length > 0 && sortedGlobalIds[0] >= 0 && RankIndexWords(sortedGlobalIds) is var words && (long)words * RankIndexBytesPerWord <= (long)sortedGlobalIds.Length * sizeof(int))
        {
            (_present, _rankBefore) = BuildRankIndex(sortedGlobalIds, words);
        }
    }

    private const int RankIndexBytesPerWord = sizeof(ulong) + sizeof(int);

    private static int RankIndexWords(int[] sortedGlobalIds) => (sortedGlobalIds[^1] >> 6) + 1;

    private static (ulong[] Present, int[] RankBefore) BuildRankIndex(int[] sortedGlobalIds, int words)
    {
        var present = new ulong[words];
        foreach (var id in sortedGlobalIds)
        {
            present[id >> 6] |= 1UL << (id & 63);
        }
        var rankBefore = new int[words];
        var rank = 0;
        for (var w = 0; w < words; w++)
        {
            rankBefore[w] = rank;
            rank += BitOperations.PopCount(present[w]);
        }
        return (present, rankBefore);
    }

    public int Count => _globalIds.Length;

    public ReadOnlySpan<int> GlobalIds => _globalIds;

    public static FeatureMap Covering(IEnumerable<SparseVector> rows)
    {
        var ids = new HashSet<int>();
        foreach (var row in rows)
        {
            ids.UnionWith(row.Indices);
        }
        var sorted = ids.ToArray();
        Array.Sort(sorted);
        return new FeatureMap(sorted);
    }

    public static FeatureMap Empty { get; } = new([]);

    public int GlobalId(int localId) => _globalIds[localId];

    /// <summary>
    /// Writes the known features of <paramref name="global"/>, renumbered, into the caller's buffers (each at least
    /// global.Count long) and returns how many there are: the allocation-free form of <see cref="ToLocal(in SparseVector)"/>.
    /// </summary>
    public int ToLocal(in SparseVector global, Span<int> indices, Span<float> values)
    {
        if (_present is not null)
        {
            return ToLocalByRank(global, indices, values);
        }
        var n = 0;
        var cursor = 0;
        for (var i = 0; i < global.Count && cursor < _globalIds.Length; i++)
        {
            var local = LocalId(global.Indices[i], ref cursor);
            if (local >= 0)
            {
                indices[n] = local;
                values[n] = global.Values[i];
                n++;
            }
        }
        return n;
    }

    /// <summary>
    /// The local id of <paramref name="globalId"/>, or -1 when this map does not know it. For ids looked up in ascending
    /// order, pass the same <paramref name="cursor"/> (starting at 0): each search resumes where the previous one ended,
    /// a galloping merge of about n log(ids / n) comparisons instead of n log(ids). Remapping a description once per
    /// consulted chapter and national-line model by plain binary searches cost as much as the scoring itself (perf, README).
    /// </summary>
    public int LocalId(int globalId, ref int cursor)
    {
        if (_present is not null)
        {
            return RankedLocalId(globalId);
        }
        ReadOnlySpan<int> ids = _globalIds;
        cursor = LowerBound(ids, cursor, globalId);
        if (cursor < ids.Length && ids[cursor] == globalId)
        {
            return cursor++;
        }
        return -1;
    }

    private int ToLocalByRank(in SparseVector global, Span<int> indices, Span<float> values)
    {
        var n = 0;
        for (var i = 0; i < global.Count; i++)
        {
            var local = RankedLocalId(global.Indices[i]);
            if (local >= 0)
            {
                indices[n] = local;
                values[n] = global.Values[i];
                n++;
            }
        }
        return n;
    }

    private int RankedLocalId(int globalId)
    {
        var present = _present!;
        var word = globalId >> 6;
        if ((uint)word >= (uint)present.Length)
        {
            return -1;
        }
        var bits = present[word];
        var bit = 1UL << (globalId & 63);
        return (bits & bit) == 0 ? -1 : _rankBefore![word] + BitOperations.PopCount(bits & (bit - 1));
    }

    /// <summary>The first position at or after <paramref name="from"/> whose id is not below <paramref name="target"/>.</summary>
    private static int LowerBound(ReadOnlySpan<int> ids, int from, int target)
    {
        // Gallop: probe from + 1, + 3, + 7, ... until an id reaches the target; everything skipped is below it.
        var low = from;
        var high = from;
        var step = 1;
        while (high < ids.Length && ids[high] < target)
        {
            low = high + 1;
            high = low + step;
            step <<= 1;
        }
        high = Math.Min(high, ids.Length);
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (ids[middle] < target)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    /// <summary>Keeps the features this chapter knows, renumbered; unknown features carry no weight here anyway.</summary>
    public SparseVector ToLocal(in SparseVector global)
    {
        var indices = new int[global.Count];
        var values = new float[global.Count];
        var n = ToLocal(global, indices, values);
        return n == global.Count ? new SparseVector(indices, values) : new SparseVector(indices[..n], values[..n]);
    }
}
