namespace HsActors.Learning;

public static class ClassificationMetrics
{
    /// <summary>
    /// Accuracy plus macro and support-weighted precision, recall and F1 over the union of true and predicted labels.
    /// A 0/0 ratio counts as 0, so a label that is only ever predicted lowers the macro averages like in scikit-learn.
    /// </summary>
    public static ClassificationReport Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        CheckPairs(truth, predicted);
        var perLabel = new Dictionary<int, (int TruePositives, int TrueCount, int PredictedCount)>();
        var correct = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            var (t, p) = (truth[i], predicted[i]);
            perLabel.TryGetValue(t, out var actual);
            actual.TrueCount++;
            if (t == p)
            {
                actual.TruePositives++;
                correct++;
            }
            perLabel[t] = actual;
            perLabel.TryGetValue(p, out var guessed);
            guessed.PredictedCount++;
            perLabel[p] = guessed;
        }

        double macroP = 0, macroR = 0, macroF = 0, weightedP = 0, weightedR = 0, weightedF = 0;
        foreach (var (tp, trueCount, predictedCount) in perLabel.Values)
        {
            var precision = Ratio(tp, predictedCount);
            var recall = Ratio(tp, trueCount);
            var f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            macroP += precision;
            macroR += recall;
            macroF += f1;
            weightedP += precision * trueCount;
            weightedR += recall * trueCount;
            weightedF += f1 * trueCount;
        }
        var labels = perLabel.Count;
        double n = truth.Count;
        return new ClassificationReport(correct / n, macroP / labels, macroR / labels, macroF / labels,
            weightedP / n, weightedR / n, weightedF / n, truth.Count);
    }

    /// <summary>
    /// Expected calibration error with equal-width confidence bins: Σ_b (n_b / N) · |accuracy_b − mean confidence_b|.
    /// A confidence c falls in bin min(⌊c · bins⌋, bins − 1), so 1.0 lands in the last bin.
    /// </summary>
    public static double ExpectedCalibrationError(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct, int bins = 15)
    {
        ArgumentNullException.ThrowIfNull(confidence);
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (confidence.Count != correct.Count)
        {
            throw new ArgumentException($"{confidence.Count} confidences for {correct.Count} correctness flags.", nameof(correct));
        }
        if (confidence.Count == 0)
        {
            throw new ArgumentException("Cannot compute a calibration error over zero predictions.", nameof(confidence));
        }
        var count = new int[bins];
        var confidenceSum = new double[bins];
        var correctCount = new int[bins];
        for (var i = 0; i < confidence.Count; i++)
        {
            var c = confidence[i];
            if (!(c >= 0 && c <= 1))
            {
                throw new ArgumentException($"Confidence {c} at position {i} is outside [0, 1].", nameof(confidence));
            }
            var bin = Math.Min((int)(c * bins), bins - 1);
            count[bin]++;
            confidenceSum[bin] += c;
            if (correct[i])
            {
                correctCount[bin]++;
            }
        }
        var error = 0.0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] > 0)
            {
                error += Math.Abs(correctCount[b] - confidenceSum[b]) / confidence.Count;   // n_b/N · |acc_b − conf_b|
            }
        }
        return error;
    }

    internal static void CheckPairs(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        if (truth.Count != predicted.Count)
        {
            throw new ArgumentException($"{truth.Count} true labels but {predicted.Count} predictions.", nameof(predicted));
        }
        if (truth.Count == 0)
        {
            throw new ArgumentException("Cannot score zero predictions.", nameof(truth));
        }
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
