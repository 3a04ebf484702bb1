using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HsActors.Learning;

/// <summary>
/// Training rows flattened once into a compressed-sparse-row block and shared read-only by every one-vs-rest class
/// solver: parallel classes stream the same compact arrays instead of chasing one array pair per row.
/// The optional bias (LIBLINEAR -B) is an implicit extra feature at index <see cref="FeatureCount"/>; weight vectors
/// therefore always have FeatureCount + 1 slots, the last one staying 0 when there is no bias.
/// </summary>
internal sealed class TrainingRows
{
    private readonly int[] _rowStart;
    private readonly int[] _indices;
    private readonly float[] _values;
    private readonly double[] _squaredNorms;

    private TrainingRows(int[] rowStart, int[] indices, float[] values, int featureCount, double bias)
    {
        _rowStart = rowStart;
        _indices = indices;
        _values = values;
        FeatureCount = featureCount;
        Bias = bias;
        _squaredNorms = new double[RowCount];
        for (var row = 0; row < RowCount; row++)
        {
            var sum = bias * bias;
            foreach (var value in Values(row))
            {
                sum += (double)value * value;
            }
            _squaredNorms[row] = sum;
        }
    }

    public int RowCount => _rowStart.Length - 1;

    public int FeatureCount { get; }

    /// <summary>Value of the constant bias feature; 0 when there is none.</summary>
    public double Bias { get; }

    public int WeightLength => FeatureCount + 1;

    /// <summary>x_i · x_i including the bias feature.</summary>
    public double SquaredNorm(int row) => _squaredNorms[row];

    public ReadOnlySpan<int> Indices(int row) => _indices.AsSpan(_rowStart[row], _rowStart[row + 1] - _rowStart[row]);

    public ReadOnlySpan<float> Values(int row) => _values.AsSpan(_rowStart[row], _rowStart[row + 1] - _rowStart[row]);

    /// <summary>w · x_i including the bias feature. Indices were range-checked on construction.</summary>
    public double Dot(int row, double[] w)
    {
        var start = _rowStart[row];
        var end = _rowStart[row + 1];
        ref var weights = ref MemoryMarshal.GetArrayDataReference(w);
        ref var indices = ref MemoryMarshal.GetArrayDataReference(_indices);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_values);
        var sum = w[FeatureCount] * Bias;
        for (var k = start; k < end; k++)
        {
            sum += Unsafe.Add(ref weights, Unsafe.Add(ref indices, k)) * Unsafe.Add(ref values, k);
        }
        return sum;
    }

    /// <summary>w += scale · x_i including the bias feature.</summary>
    public void AddScaled(int row, double scale, double[] w)
    {
        var start = _rowStart[row];
        var end = _rowStart[row + 1];
        ref var weights = ref MemoryMarshal.GetArrayDataReference(w);
        ref var indices = ref MemoryMarshal.GetArrayDataReference(_indices);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_values);
        w[FeatureCount] += scale * Bias;
        for (var k = start; k < end; k++)
        {
            Unsafe.Add(ref weights, Unsafe.Add(ref indices, k)) += scale * Unsafe.Add(ref values, k);
        }
    }

    /// <summary>Copies and validates the rows: indices strictly increasing within [0, featureCount), values finite.</summary>
    public static TrainingRows Create(IReadOnlyList<SparseVector> rows, int featureCount, double bias)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(featureCount);
        if (!double.IsFinite(bias))
        {
            throw new ArgumentOutOfRangeException(nameof(bias), bias, "The bias feature value must be finite.");
        }
        var rowStart = new int[rows.Count + 1];
        long total = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Indices is null || row.Values is null)
            {
                throw new ArgumentException($"Row {r} is a default SparseVector with null arrays; use SparseVector.Empty.", nameof(rows));
            }
            if (row.Indices.Length != row.Values.Length)
            {
                throw new ArgumentException($"Row {r} has {row.Indices.Length} indices but {row.Values.Length} values.", nameof(rows));
            }
            total += row.Indices.Length;
            if (total > Array.MaxLength)
            {
                throw new ArgumentException($"The rows hold more than {Array.MaxLength} non-zeros in total.", nameof(rows));
            }
            rowStart[r + 1] = (int)total;
        }

        var indices = new int[total];
        var values = new float[total];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var previous = -1;
            for (var k = 0; k < row.Indices.Length; k++)
            {
                var feature = row.Indices[k];
                if (feature <= previous || feature >= featureCount)
                {
                    throw new ArgumentException(
                        $"Row {r} has feature index {feature} at position {k}: indices must be strictly increasing and within [0, {featureCount}).",
                        nameof(rows));
                }
                if (!float.IsFinite(row.Values[k]))
                {
                    throw new ArgumentException($"Row {r} has a non-finite value for feature {feature}.", nameof(rows));
                }
                previous = feature;
            }
            row.Indices.CopyTo(indices, rowStart[r]);
            row.Values.CopyTo(values, rowStart[r]);
        }
        return new TrainingRows(rowStart, indices, values, featureCount, bias);
    }
}
