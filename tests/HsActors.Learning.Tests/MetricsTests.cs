namespace HsActors.Learning.Tests;

public sealed class MetricsTests
{
    [Fact]
    public void Top_confused_pairs_are_the_largest_off_diagonal_cells()
    {
        int[] truth = [1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3];
        int[] predicted = [2, 2, 3, 1, 1, 1, 2, 2, 2, 2, 1, 3];
        var matrix = new ConfusionMatrix(truth, predicted);

        var expected = truth.Zip(predicted).Where(p => p.First != p.Second).CountBy(p => p)
            .Select(c => new ConfusedPair(c.Key.First, c.Key.Second, c.Value))
            .OrderByDescending(p => p.Count).ThenBy(p => p.TrueLabel).ThenBy(p => p.PredictedLabel).Take(3);
        Assert.Equal(expected, matrix.TopConfusedPairs(3));
        Assert.All(matrix.TopConfusedPairs(10), p => Assert.NotEqual(p.TrueLabel, p.PredictedLabel));
        Assert.Equal(truth.Length, matrix.Total);
        Assert.Equal(truth.Count(t => t == 3), matrix.RowTotal(3));
        Assert.Equal(0, matrix.Count(7, 1));
        Assert.Equal(0, matrix.RowRate(7, 1));
    }

    [Fact]
    public void Ece_is_zero_when_confidence_equals_accuracy_in_every_bin()
    {
        // In each bin the share of correct predictions equals the (single) confidence value used there.
        var confidence = new List<double>();
        var correct = new List<bool>();
        foreach (var (value, hits, total) in new[] { (0.25, 1, 4), (0.5, 2, 4), (1.0, 3, 3) })
        {
            for (var i = 0; i < total; i++)
            {
                confidence.Add(value);
                correct.Add(i < hits);
            }
        }
        Assert.Equal(0, ClassificationMetrics.ExpectedCalibrationError(confidence, correct), 12);
        // Claiming certainty while always wrong is the worst case.
        Assert.Equal(1, ClassificationMetrics.ExpectedCalibrationError([1.0, 1.0], [false, false]), 12);
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_message_naming_the_problem()
    {
        Assert.Contains("predictions", Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([1, 2], [1])).Message);
        Assert.Contains("zero", Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([], [])).Message);
        Assert.Contains("outside [0, 1]", Assert.Throws<ArgumentException>(() => ClassificationMetrics.ExpectedCalibrationError([1.5], [true])).Message);
        Assert.Contains("correctness", Assert.Throws<ArgumentException>(() => ClassificationMetrics.ExpectedCalibrationError([0.5], [true, false])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationMetrics.ExpectedCalibrationError([0.5], [true], bins: 0));
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix([1], [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConfusionMatrix([1], [1]).TopConfusedPairs(-1));
    }
}
