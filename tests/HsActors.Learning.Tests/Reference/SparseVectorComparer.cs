namespace HsActors.Learning.Tests;

/// <summary>Element-wise equality of sparse vectors (the record's own equality compares array references).</summary>
internal sealed class SparseVectorComparer : IEqualityComparer<SparseVector>
{
    public static SparseVectorComparer Instance { get; } = new();

    public bool Equals(SparseVector x, SparseVector y) => x.Indices.AsSpan().SequenceEqual(y.Indices) && x.Values.AsSpan().SequenceEqual(y.Values);

    public int GetHashCode(SparseVector obj) => obj.Count;
}
