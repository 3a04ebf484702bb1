namespace HsActors.Learning;

/// <summary>
/// Collects per-class weight vectors (as the solvers produce them, class by class) into the feature-major layout of
/// <see cref="LinearModel"/>. Different classes write disjoint slots, so parallel workers may fill it concurrently.
/// </summary>
internal sealed class LinearModelBuilder(int classCount, int featureCount)
{
    private readonly float[] _weights = new float[checked(classCount * featureCount)];
    private readonly float[] _biases = new float[classCount];

    /// <summary>
    /// Stores class <paramref name="classIndex"/>: <paramref name="w"/> holds featureCount weights followed by the weight
    /// of the constant bias feature, whose contribution is w[featureCount] × <paramref name="biasFeatureValue"/>.
    /// </summary>
    public void SetClass(int classIndex, ReadOnlySpan<double> w, double biasFeatureValue, double sign = 1.0)
    {
        for (var feature = 0; feature < featureCount; feature++)
        {
            _weights[feature * classCount + classIndex] = (float)(sign * w[feature]);
        }
        _biases[classIndex] = (float)(sign * w[featureCount] * biasFeatureValue);
    }

    public void SetBias(int classIndex, float bias) => _biases[classIndex] = bias;

    public void SetWeight(int feature, int classIndex, float weight) => _weights[feature * classCount + classIndex] = weight;

    public LinearModel Build() => new(classCount, featureCount, _weights, _biases);
}
