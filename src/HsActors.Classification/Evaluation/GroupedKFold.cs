using HsActors.Classification.Training;

namespace HsActors.Classification.Evaluation;

/// <summary>
/// K-fold split in which a row's fold is a function of its group key alone (a stable hash), so identical cleansed
/// descriptions always share a fold, the split is the same on every run and machine, and adding rows never moves
/// the existing ones.
/// </summary>
public sealed class GroupedKFold
{
    public GroupedKFold(int folds)
    {
        if (folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, "Cross-validation needs at least 2 folds.");
        }
        Folds = folds;
    }

    public int Folds { get; }

    /// <summary>The fold (0-based) of a group key.</summary>
    public int FoldOf(string groupKey)
    {
        ArgumentNullException.ThrowIfNull(groupKey);
        // FNV-1a's low bits are weak for similar short strings; a murmur finaliser spreads every input bit before
        // the multiply-shift maps the hash onto [0, Folds).
        var h = StableHash.Of(groupKey);
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return (int)(((ulong)h * (ulong)Folds) >> 32);
    }

    /// <summary>The row indices of each fold's test set, ascending; every row is in exactly one.</summary>
    public IReadOnlyList<int[]> Split(IReadOnlyList<string> groupKeys)
    {
        ArgumentNullException.ThrowIfNull(groupKeys);
        var folds = Enumerable.Range(0, Folds).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < groupKeys.Count; i++)
        {
            folds[FoldOf(groupKeys[i])].Add(i);
        }
        return [.. folds.Select(f => f.ToArray())];
    }
}
