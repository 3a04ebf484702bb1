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
            ScoreAccumulator.AddScaled(scores, FeatureRow(indices[k]), values[k], FeatureRow(indices[k + 1]), values[k + 1]);
        }
        if (k < indices.Length)
        {
            ScoreAccumulator.AddScaled(scores, FeatureRow(indices[k]), values[k]);
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

    /// <summary>Compact binary form: each feature row as <see cref="WeightRowFormat"/> stores it. Lossless.</summary>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WeightRowFormat.WriteHeader(writer, Magic, FormatVersion, ClassCount, FeatureCount);
        WeightRowFormat.WriteFloats(writer, _biases);
        for (var feature = 0; feature < FeatureCount; feature++)
        {
            WeightRowFormat.WriteRow(writer, new ReadOnlySpan<float>(_weights, feature * ClassCount, ClassCount));
        }
    }

    public static LinearModel ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            var (_, classCount, featureCount) = WeightRowFormat.ReadHeader(reader, Magic, FormatVersion, FormatVersion, "LinearModel");
            var biases = new float[classCount];
            WeightRowFormat.ReadFloats(reader, biases);
            var weights = new float[classCount * featureCount];
            for (var feature = 0; feature < featureCount; feature++)
            {
                WeightRowFormat.ReadRow(reader, feature, weights.AsSpan(feature * classCount, classCount));
            }
            return new LinearModel(classCount, featureCount, weights, biases);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The LinearModel stream is truncated.", e);
        }
    }
}
