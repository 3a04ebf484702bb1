namespace HsActors.Learning;

/// <summary>
/// A row of features with sorted, unique indices. Every learner consumes these; keeping the two arrays
/// parallel (rather than an array of pairs) lets the scoring loop run over spans without boxing.
/// </summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public static SparseVector Empty { get; } = new([], []);

    public int Count => Indices.Length;

    public float Dot(ReadOnlySpan<float> dense)
    {
        var sum = 0f;
        for (var i = 0; i < Indices.Length; i++)
        {
            sum += dense[Indices[i]] * Values[i];
        }
        return sum;
    }
}
