using System.Numerics;
using System.Runtime.InteropServices;

namespace HsActors.Learning;

/// <summary>
/// One linear scorer per class: score_c(x) = bias_c + Σ_j x_j · W[j, c].
/// Weights are stored feature-major (<c>[feature * ClassCount + class]</c>) so that scoring a sparse row adds one
/// contiguous, vectorisable block of class weights per non-zero feature: O(nnz × classes), no allocation.
/// </summary>
public sealed class LinearModel
{
    private const int Magic = 0x4D4C5348; // "HSLM"
    private const int FormatVersion = 1;

    private readonly float[] _weights;
    private readonly float[] _biases;

    /// <param name="featureMajorWeights">Length featureCount × classCount, element [feature * classCount + class].</param>
    /// <param name="biases">One intercept per class.</param>
    public LinearModel(int classCount, int featureCount, float[] featureMajorWeights, float[] biases)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(featureCount);
        ArgumentNullException.ThrowIfNull(featureMajorWeights);
        ArgumentNullException.ThrowIfNull(biases);
        if ((long)classCount * featureCount != featureMajorWeights.LongLength)
        {
            throw new ArgumentException(
                $"Expected {(long)classCount * featureCount} weights ({featureCount} features × {classCount} classes) but got {featureMajorWeights.LongLength}.",
                nameof(featureMajorWeights));
        }
        if (biases.Length != classCount)
        {
            throw new ArgumentException($"Expected {classCount} biases but got {biases.Length}.", nameof(biases));
        }
        ClassCount = classCount;
        FeatureCount = featureCount;
        _weights = featureMajorWeights;
        _biases = biases;
    }

    public int ClassCount { get; }

    public int FeatureCount { get; }

    public float Bias(int classIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(classIndex, ClassCount);
        return _biases[classIndex];
    }

    /// <summary>Writes one score per class into <paramref name="scores"/> (length must be ClassCount).</summary>
    public void Score(in SparseVector x, Span<float> scores) => Score(x.Indices ?? [], x.Values ?? [], scores);

    /// <summary>
    /// The same as <see cref="Score(in SparseVector, Span{float})"/> over a vector held in (possibly pooled) spans, so a
    /// caller that remaps features into a scratch buffer needs no allocation.
    /// </summary>
    public void Score(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, Span<float> scores)
    {
        if (scores.Length != ClassCount)
        {
            throw new ArgumentException($"The score buffer has length {scores.Length}; it must be ClassCount = {ClassCount}.", nameof(scores));
        }
        if (indices.Length != values.Length)
        {
            throw new ArgumentException($"The sparse vector has {indices.Length} indices but {values.Length} values.", "x");
        }

        _biases.CopyTo(scores);
        var k = 0;
        // Two features per sweep halve the loads and stores of the score accumulator.
        for (; k + 1 < indices.Length; k += 2)
        {
            AddScaled(scores, FeatureRow(indices[k]), values[k], FeatureRow(indices[k + 1]), values[k + 1]);
        }
        if (k < indices.Length)
        {
            AddScaled(scores, FeatureRow(indices[k]), values[k]);
        }
    }

    private ReadOnlySpan<float> FeatureRow(int feature)
    {
        if ((uint)feature >= (uint)FeatureCount)
        {
            throw new ArgumentException($"Feature index {feature} is outside the model's {FeatureCount} features.", "x");
        }
        return new ReadOnlySpan<float>(_weights, feature * ClassCount, ClassCount);
    }

    /// <summary>A copy of one feature's weight for every class (for explanations).</summary>
    public float[] Weight(int feature) => WeightRow(feature).ToArray();

    /// <summary>One feature's weight for every class without copying.</summary>
    public ReadOnlySpan<float> WeightRow(int feature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, FeatureCount);
        return new ReadOnlySpan<float>(_weights, feature * ClassCount, ClassCount);
    }

    /// <summary>
    /// Compact binary form. Each feature row is stored either densely or as (class gap, value) pairs of its non-zero
    /// weights, whichever is smaller; the choice follows from the non-zero count alone, so no flag byte is needed.
    /// Lossless: only exact zeros are dropped.
    /// </summary>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(ClassCount);
        writer.Write(FeatureCount);
        WriteFloats(writer, _biases);
        for (var feature = 0; feature < FeatureCount; feature++)
        {
            var row = new ReadOnlySpan<float>(_weights, feature * ClassCount, ClassCount);
            var nonZero = CountNonZero(row);
            writer.Write7BitEncodedInt(nonZero);
            if (IsStoredDense(nonZero, ClassCount))
            {
                WriteFloats(writer, row);
                continue;
            }
            var previous = -1;
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c] == 0f)
                {
                    continue;
                }
                writer.Write7BitEncodedInt(c - previous - 1);
                writer.Write(row[c]);
                previous = c;
            }
        }
    }

    public static LinearModel ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            if (reader.ReadInt32() != Magic)
            {
                throw new InvalidDataException("The stream does not hold a LinearModel (wrong magic number).");
            }
            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"LinearModel format version {version} is not supported (expected {FormatVersion}).");
            }
            var classCount = reader.ReadInt32();
            var featureCount = reader.ReadInt32();
            if (classCount < 1 || featureCount < 0 || (long)classCount * featureCount > Array.MaxLength)
            {
                throw new InvalidDataException($"LinearModel header has an invalid shape: {classCount} classes × {featureCount} features.");
            }
            var biases = new float[classCount];
            ReadFloats(reader, biases);
            var weights = new float[classCount * featureCount];
            for (var feature = 0; feature < featureCount; feature++)
            {
                var row = weights.AsSpan(feature * classCount, classCount);
                var nonZero = reader.Read7BitEncodedInt();
                if (nonZero < 0 || nonZero > classCount)
                {
                    throw new InvalidDataException($"Feature {feature} claims {nonZero} non-zero weights but the model has {classCount} classes.");
                }
                if (IsStoredDense(nonZero, classCount))
                {
                    ReadFloats(reader, row);
                    continue;
                }
                var c = -1;
                for (var k = 0; k < nonZero; k++)
                {
                    c += reader.Read7BitEncodedInt() + 1;
                    if ((uint)c >= (uint)classCount)
                    {
                        throw new InvalidDataException($"Feature {feature} has a weight for class {c}, outside the model's {classCount} classes.");
                    }
                    row[c] = reader.ReadSingle();
                }
            }
            return new LinearModel(classCount, featureCount, weights, biases);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The LinearModel stream is truncated.", e);
        }
    }

    private static int CountNonZero(ReadOnlySpan<float> row)
    {
        var count = 0;
        foreach (var value in row)
        {
            if (value != 0f)
            {
                count++;
            }
        }
        return count;
    }

    // A sparse entry costs about 5 bytes (1-byte gap + float) against 4 bytes per class for a dense row.
    private static bool IsStoredDense(int nonZero, int classCount) => 5L * nonZero >= 4L * classCount;

    private static void AddScaled(Span<float> accumulator, ReadOnlySpan<float> row, float scale)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var factor = new Vector<float>(scale);
            var accumulatorVectors = MemoryMarshal.Cast<float, Vector<float>>(accumulator);
            var rowVectors = MemoryMarshal.Cast<float, Vector<float>>(row)[..accumulatorVectors.Length];
            for (var v = 0; v < accumulatorVectors.Length; v++)
            {
                accumulatorVectors[v] += rowVectors[v] * factor;
            }
            i = accumulatorVectors.Length * Vector<float>.Count;
        }
        for (; i < accumulator.Length; i++)
        {
            accumulator[i] += row[i] * scale;
        }
    }

    private static void AddScaled(Span<float> accumulator, ReadOnlySpan<float> first, float firstScale,
        ReadOnlySpan<float> second, float secondScale)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var firstFactor = new Vector<float>(firstScale);
            var secondFactor = new Vector<float>(secondScale);
            var accumulatorVectors = MemoryMarshal.Cast<float, Vector<float>>(accumulator);
            var firstVectors = MemoryMarshal.Cast<float, Vector<float>>(first)[..accumulatorVectors.Length];
            var secondVectors = MemoryMarshal.Cast<float, Vector<float>>(second)[..accumulatorVectors.Length];
            for (var v = 0; v < accumulatorVectors.Length; v++)
            {
                accumulatorVectors[v] += firstVectors[v] * firstFactor + secondVectors[v] * secondFactor;
            }
            i = accumulatorVectors.Length * Vector<float>.Count;
        }
        for (; i < accumulator.Length; i++)
        {
            accumulator[i] += first[i] * firstScale + second[i] * secondScale;
        }
    }

    private static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static void ReadFloats(BinaryReader reader, Span<float> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            var bytes = MemoryMarshal.AsBytes(destination);
            var read = 0;
            while (read < bytes.Length)
            {
                var n = reader.Read(bytes[read..]);
                if (n == 0)
                {
                    throw new EndOfStreamException();
                }
                read += n;
            }
            return;
        }
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = reader.ReadSingle();
        }
    }
}
