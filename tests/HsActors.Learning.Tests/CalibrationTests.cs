namespace HsActors.Learning.Tests;

public sealed class CalibrationTests
{
    private const int Classes = 6;

    /// <summary>
    /// Held-out rows whose labels are drawn from softmax(z) for random logits z, reported as scores = scale · z:
    /// scale &gt; 1 makes the scores over-confident (the ideal temperature is then the scale), scale &lt; 1 under-confident.
    /// </summary>
    private static (List<float[]> Scores, int[] Labels) Synthetic(int rows, double scale, int seed)
    {
        var random = new Random(seed);
        var scores = new List<float[]>(rows);
        var labels = new int[rows];
        var probabilities = new double[Classes];
        for (var row = 0; row < rows; row++)
        {
            var logits = Enumerable.Range(0, Classes).Select(_ => 2.0 * Gaussian(random)).ToArray();
            var max = logits.Max();
            var sum = 0.0;
            for (var k = 0; k < Classes; k++)
            {
                probabilities[k] = Math.Exp(logits[k] - max);
                sum += probabilities[k];
            }
            var draw = random.NextDouble() * sum;
            var label = 0;
            while (label < Classes - 1 && (draw -= probabilities[label]) > 0)
            {
                label++;
            }
            labels[row] = label;
            scores.Add([.. logits.Select(z => (float)(scale * z))]);
        }
        return (scores, labels);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double Ece(SoftmaxCalibration calibration, List<float[]> scores, int[] labels)
    {
        var confidence = new List<double>();
        var correct = new List<bool>();
        var probabilities = new float[Classes];
        for (var row = 0; row < scores.Count; row++)
        {
            calibration.Probabilities(scores[row], probabilities);
            var best = probabilities.AsSpan().IndexOf(probabilities.Max());
            confidence.Add(probabilities[best]);
            correct.Add(best == labels[row]);
        }
        return ClassificationMetrics.ExpectedCalibrationError(confidence, correct);
    }

    [Fact]
    public void Fitted_temperature_undoes_over_confidence_and_lowers_log_loss_and_ece()
    {
        var (scores, labels) = Synthetic(4000, scale: 4, seed: 1);
        var fitted = SoftmaxCalibration.Fit(scores, labels);

        Assert.InRange(fitted.Temperature, 3.2, 4.8);   // the data were generated at temperature 4
        var identity = SoftmaxCalibration.Identity;
        Assert.True(fitted.LogLoss(scores, labels) < identity.LogLoss(scores, labels));
        var (fittedEce, rawEce) = (Ece(fitted, scores, labels), Ece(identity, scores, labels));
        Assert.True(fittedEce < rawEce / 2, $"ECE {rawEce:F3} uncalibrated, {fittedEce:F3} calibrated");

        // Held-out data from the same source benefit too.
        var (testScores, testLabels) = Synthetic(4000, scale: 4, seed: 2);
        Assert.True(fitted.LogLoss(testScores, testLabels) < identity.LogLoss(testScores, testLabels));
        Assert.True(Ece(fitted, testScores, testLabels) < Ece(identity, testScores, testLabels));
    }

    [Fact]
    public void Under_confident_scores_get_a_temperature_below_one()
    {
        var (scores, labels) = Synthetic(4000, scale: 0.25, seed: 3);
        Assert.InRange(SoftmaxCalibration.Fit(scores, labels).Temperature, 0.2, 0.3);
    }

    [Fact]
    public void Fitted_temperature_is_a_minimum_of_the_log_loss()
    {
        var (scores, labels) = Synthetic(1500, scale: 2.5, seed: 4);
        var fitted = SoftmaxCalibration.Fit(scores, labels);
        var best = fitted.LogLoss(scores, labels);
        foreach (var factor in new[] { 0.98, 1.02, 0.8, 1.25 })
        {
            Assert.True(new SoftmaxCalibration(fitted.Temperature * factor).LogLoss(scores, labels) >= best - 1e-12);
        }
    }

    [Fact]
    public void Temperature_is_bounded_when_the_scores_separate_the_classes_perfectly()
    {
        List<float[]> scores = [[5, 0, 0], [0, 5, 0], [0, 0, 5]];
        Assert.Equal(SoftmaxCalibration.MinTemperature, SoftmaxCalibration.Fit(scores, [0, 1, 2]).Temperature);
        Assert.Equal(SoftmaxCalibration.MaxTemperature, SoftmaxCalibration.Fit(scores, [1, 2, 0]).Temperature);
    }

    [Fact]
    public void Probabilities_are_a_stable_softmax_of_scores_over_temperature()
    {
        var calibration = new SoftmaxCalibration(2);
        float[] scores = [1, 3, -2];
        var probabilities = new float[3];
        Assert.Equal(3f, calibration.Probabilities(scores, probabilities));
        var exponentials = scores.Select(s => Math.Exp(s / 2.0)).ToArray();
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(exponentials[k] / exponentials.Sum(), probabilities[k], 6);
        }

        // Margins far beyond exp's range still give a distribution, not NaN or infinity.
        SoftmaxCalibration.Identity.Probabilities([1e30f, -1e30f, 1e30f], probabilities);
        Assert.Equal([0.5f, 0f, 0.5f], probabilities);
    }

    [Fact]
    public void Probabilities_of_every_length_match_a_double_precision_softmax_and_reject_a_NaN_anywhere()
    {
        // Lengths around the vector width cover the vector passes, the scalar tails and both together.
        var random = new Random(3);
        var calibration = new SoftmaxCalibration(0.7);
        for (var length = 1; length <= 41; length++)
        {
            var scores = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 8 - 4)).ToArray();
            var probabilities = new float[length];
            Assert.Equal(scores.Max(), calibration.Probabilities(scores, probabilities));
            var exponentials = scores.Select(s => Math.Exp((s - scores.Max()) / 0.7)).ToArray();
            for (var k = 0; k < length; k++)
            {
                Assert.Equal(exponentials[k] / exponentials.Sum(), probabilities[k], 1e-6);
            }
            foreach (var at in new[] { 0, length / 2, length - 1 })
            {
                var bad = (float[])scores.Clone();
                bad[at] = float.NaN;
                Assert.Throws<ArgumentException>(() => calibration.Probabilities(bad, probabilities));
            }
        }
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_message_naming_the_problem()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxCalibration(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SoftmaxCalibration(double.NaN));
        Assert.Contains("slots", Assert.Throws<ArgumentException>(() => SoftmaxCalibration.Identity.Probabilities([1, 2], new float[3])).Message);
        Assert.Contains("Label 3", Assert.Throws<ArgumentException>(() => SoftmaxCalibration.Fit([[1f, 2f]], [3])).Message);
        Assert.Contains("labels", Assert.Throws<ArgumentException>(() => SoftmaxCalibration.Fit([[1f, 2f]], [0, 1])).Message);
        Assert.Contains("non-finite", Assert.Throws<ArgumentException>(() => SoftmaxCalibration.Fit([[float.NaN, 2f]], [0])).Message);
        Assert.Throws<ArgumentException>(() => SoftmaxCalibration.Fit([], []));
    }
}
