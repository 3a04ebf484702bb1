using System.Runtime.Intrinsics;

namespace HsActors.Learning;

/// <summary>
/// Turns a linear model's class margins into probabilities: softmax(scores / Temperature). The temperature is fitted
/// on held-out scores by minimising the mean negative log-likelihood; T &gt; 1 softens over-confident margins.
/// </summary>
public sealed record SoftmaxCalibration(double Temperature)
{
    public const double MinTemperature = 0.01;
    public const double MaxTemperature = 100;

    public double Temperature { get; } = double.IsFinite(Temperature) && Temperature > 0
        ? Temperature
        : throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "The softmax temperature must be a positive finite number.");

    /// <summary>Plain softmax of the raw scores.</summary>
    public static SoftmaxCalibration Identity { get; } = new(1.0);

    /// <summary>
    /// Fits T in [0.01, 100]. The log-likelihood is concave in the inverse temperature β = 1/T (its second derivative
    /// is minus the variance of the score under the model), so a safeguarded Newton search on β finds the optimum in a
    /// handful of passes over the scores.
    /// </summary>
    public static SoftmaxCalibration Fit(IReadOnlyList<float[]> heldOutScores, int[] labels)
    {
        Validate(heldOutScores, labels);
        double low = 1 / MaxTemperature, high = 1 / MinTemperature;
        var (lowSlope, _) = Derivatives(heldOutScores, labels, low);
        if (lowSlope >= 0)
        {
            return new SoftmaxCalibration(MaxTemperature);   // the data prefer an even flatter distribution
        }
        var (highSlope, _) = Derivatives(heldOutScores, labels, high);
        if (highSlope <= 0)
        {
            return new SoftmaxCalibration(MinTemperature);   // e.g. separable data: sharper is always better
        }
        var beta = 1.0;
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var (slope, curvature) = Derivatives(heldOutScores, labels, beta);
            if (slope > 0)
            {
                high = beta;
            }
            else
            {
                low = beta;
            }
            var next = curvature > 0 ? beta - slope / curvature : double.NaN;
            if (!(next > low && next < high))
            {
                next = Math.Sqrt(low * high);   // bisect in log space when Newton leaves the bracket
            }
            if (Math.Abs(next - beta) <= 1e-9 * beta || high - low <= 1e-12 * high)
            {
                beta = next;
                break;
            }
            beta = next;
        }
        return new SoftmaxCalibration(Math.Clamp(1 / beta, MinTemperature, MaxTemperature));
    }

    /// <summary>First and second derivative of the mean negative log-likelihood with respect to β = 1/T.</summary>
    private static (double Slope, double Curvature) Derivatives(IReadOnlyList<float[]> scores, int[] labels, double beta)
    {
        double slope = 0, curvature = 0;
        for (var row = 0; row < scores.Count; row++)
        {
            var s = scores[row];
            var max = double.NegativeInfinity;
            foreach (var v in s)
            {
                max = Math.Max(max, v);
            }
            double sum = 0, mean = 0, meanSquare = 0;
            foreach (var v in s)
            {
                var w = Math.Exp(beta * (v - max));
                sum += w;
                mean += w * v;
                meanSquare += w * v * v;
            }
            mean /= sum;
            meanSquare /= sum;
            slope += mean - s[labels[row]];
            curvature += Math.Max(0, meanSquare - mean * mean);
        }
        return (slope / scores.Count, curvature / scores.Count);
    }

    /// <summary>
    /// Numerically stable softmax(scores / Temperature); no allocation. Returns the largest raw score, which the softmax
    /// needs anyway and which tells how well the best class fits at all (negative infinity when there are no scores).
    /// </summary>
    public float Probabilities(ReadOnlySpan<float> scores, Span<float> probabilities)
    {
        if (probabilities.Length != scores.Length)
        {
            throw new ArgumentException($"probabilities has {probabilities.Length} slots for {scores.Length} scores.", nameof(probabilities));
        }
        if (scores.IsEmpty)
        {
            return float.NegativeInfinity;
        }
        var max = Max(scores);
        if (!float.IsFinite(max))
        {
            throw new ArgumentException("Scores must be finite numbers.", nameof(scores));
        }
        var inverse = (float)(1 / Temperature);
        var sum = ExpAndSum(scores, max, inverse, probabilities);
        Scale(probabilities, 1 / sum);
        return max;
    }

    /// <summary>Mean negative log-likelihood of the true labels under this calibration (the quantity Fit minimises).</summary>
    public double LogLoss(IReadOnlyList<float[]> scores, int[] labels)
    {
        Validate(scores, labels);
        var total = 0.0;
        for (var row = 0; row < scores.Count; row++)
        {
            var s = scores[row];
            var max = double.NegativeInfinity;
            foreach (var v in s)
            {
                max = Math.Max(max, v);
            }
            var sum = 0.0;
            foreach (var v in s)
            {
                sum += Math.Exp((v - max) / Temperature);
            }
            total += Math.Log(sum) - (s[labels[row]] - max) / Temperature;
        }
        return total / scores.Count;
    }

    private static void Validate(IReadOnlyList<float[]> scores, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        if (scores.Count == 0)
        {
            throw new ArgumentException("At least one row of held-out scores is needed.", nameof(scores));
        }
        if (labels.Length != scores.Count)
        {
            throw new ArgumentException($"{labels.Length} labels for {scores.Count} score rows.", nameof(labels));
        }
        for (var row = 0; row < scores.Count; row++)
        {
            var s = scores[row] ?? throw new ArgumentException($"Score row {row} is null.", nameof(scores));
            if (s.Length == 0)
            {
                throw new ArgumentException($"Score row {row} is empty.", nameof(scores));
            }
            if ((uint)labels[row] >= (uint)s.Length)
            {
                throw new ArgumentException($"Label {labels[row]} of row {row} is outside 0..{s.Length - 1}.", nameof(labels));
            }
            foreach (var v in s)
            {
                if (!float.IsFinite(v))
                {
                    throw new ArgumentException($"Score row {row} holds a non-finite value ({v}).", nameof(scores));
                }
            }
        }
    }
    // The three passes of the softmax, 256 bits at a time: a consulted chapter has up to ~540 subheadings and every line
    // consults five chapters, so the scalar exponentials were a visible share of a line's time (silo profile, README).

    private static float Max(ReadOnlySpan<float> scores)
    {
        var i = 0;
        var max = float.NegativeInfinity;
        if (Vector256.IsHardwareAccelerated && scores.Length >= Vector256<float>.Count)
        {
            var maxima = Vector256.Create(float.NegativeInfinity);
            for (; i <= scores.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                maxima = Vector256.Max(maxima, Vector256.Create(scores.Slice(i, Vector256<float>.Count)));
            }
            for (var lane = 0; lane < Vector256<float>.Count; lane++)
            {
                max = MathF.Max(max, maxima[lane]);
            }
        }
        for (; i < scores.Length; i++)
        {
            max = MathF.Max(max, scores[i]);
        }
        return max;
    }

    private static float ExpAndSum(ReadOnlySpan<float> scores, float max, float inverse, Span<float> exponentials)
    {
        var i = 0;
        var sum = 0f;
        if (Vector256.IsHardwareAccelerated && scores.Length >= Vector256<float>.Count)
        {
            var shift = Vector256.Create(max);
            var factor = Vector256.Create(inverse);
            var sums = Vector256<float>.Zero;
            for (; i <= scores.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var e = Vector256.Exp((Vector256.Create(scores.Slice(i, Vector256<float>.Count)) - shift) * factor);
                e.CopyTo(exponentials.Slice(i, Vector256<float>.Count));
                sums += e;
            }
            sum = Vector256.Sum(sums);
        }
        for (; i < scores.Length; i++)
        {
            var e = MathF.Exp((scores[i] - max) * inverse);
            exponentials[i] = e;
            sum += e;
        }
        return sum;
    }

    private static void Scale(Span<float> values, float factor)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var f = Vector256.Create(factor);
            for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var slice = values.Slice(i, Vector256<float>.Count);
                (Vector256.Create(slice) * f).CopyTo(slice);
            }
        }
        for (; i < values.Length; i++)
        {
            values[i] *= factor;
        }
    }
}
