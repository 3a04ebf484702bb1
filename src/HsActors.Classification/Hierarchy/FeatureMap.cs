using HsActors.Learning;

namespace HsActors.Classification.Hierarchy;

/// <summary>
/// Maps the shared vectorizer's feature ids onto the few a chapter's training rows ever used, so a chapter's
/// weight matrix is sized by its own vocabulary rather than the whole corpus's.
/// </summary>
public sealed class FeatureMap
{
    private readonly int[] _globalIds; // sorted; local id = position

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
        var n = 0;
        for (var i = 0; i < global.Count; i++)
        {
            var local = Array.BinarySearch(_globalIds, global.Indices[i]);
            if (local >= 0)
            {
                indices[n] = local;
                values[n] = global.Values[i];
                n++;
            }
        }
        return n;
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
