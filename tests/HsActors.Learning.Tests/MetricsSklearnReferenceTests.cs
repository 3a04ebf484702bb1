using System.Text.Json.Nodes;
using HsActors.Learning.Tests.Reference;

namespace HsActors.Learning.Tests;

/// <summary>ClassificationMetrics and ConfusionMatrix against scikit-learn on label sets with the awkward cases.</summary>
public sealed class MetricsSklearnReferenceTests
{
    private sealed record Case(string Name, int[] Truth, int[] Predicted, double[] Confidence);

    private static Case Random(string name, int samples, int trueLabels, int predictedLabels, double accuracy, int seed)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, samples).Select(_ => random.Next(trueLabels)).ToArray();
        var predicted = truth.Select(t => random.NextDouble() < accuracy ? t : random.Next(predictedLabels)).ToArray();
        var confidence = truth.Select(_ => random.NextDouble()).ToArray();
        return new Case(name, truth, predicted, confidence);
    }

    private static readonly Case[] Cases =
    [
        Random("balanced, 6 labels", 300, 6, 6, 0.7, seed: 1),
        Random("labels only ever predicted (8, 9)", 200, 8, 10, 0.5, seed: 2),
        Random("labels never predicted (6, 7)", 200, 8, 6, 0.6, seed: 3),
        Random("mostly wrong, sparse labels", 40, 30, 30, 0.1, seed: 4),
        new("perfect", [3, 1, 4, 1, 5, 9, 2, 6], [3, 1, 4, 1, 5, 9, 2, 6], [1, 1, 0.99, 0.5, 0.95, 0.93, 0.2, 0.0]),
        new("all wrong", [0, 0, 1, 1], [1, 1, 0, 2], [0.9, 0.8, 0.7, 0.6]),
    ];

    [Fact]
    public void Report_confusion_matrix_and_ece_match_scikit_learn_and_numpy()
    {
        var request = new JsonArray([.. Cases.Select(c => (JsonNode)new JsonObject
        {
            ["truth"] = SklearnReference.ToJsonArray(c.Truth),
            ["predicted"] = SklearnReference.ToJsonArray(c.Predicted),
            ["confidence"] = SklearnReference.ToJsonArray(c.Confidence),
            ["correct"] = SklearnReference.ToJsonArray(c.Truth.Zip(c.Predicted, (t, p) => t == p)),
            ["bins"] = 10,
        })]);
        var answers = SklearnReference.Run(new JsonObject { ["metrics"] = request })["metrics"]!.AsArray();
        Assert.Equal(Cases.Length, answers.Count);

        for (var i = 0; i < Cases.Length; i++)
        {
            var (testCase, expected) = (Cases[i], answers[i]!);
            var report = ClassificationMetrics.Compute(testCase.Truth, testCase.Predicted);
            void Same(string what, JsonNode? value, double actual) =>
                Assert.True(Math.Abs((double)value! - actual) < 1e-12, $"{testCase.Name}: {what} is {actual}, sklearn says {(double)value!}");
            Same("accuracy", expected["accuracy"], report.Accuracy);
            Same("macro precision", expected["macro"]!["precision"], report.MacroPrecision);
            Same("macro recall", expected["macro"]!["recall"], report.MacroRecall);
            Same("macro F1", expected["macro"]!["f1"], report.MacroF1);
            Same("weighted precision", expected["weighted"]!["precision"], report.WeightedPrecision);
            Same("weighted recall", expected["weighted"]!["recall"], report.WeightedRecall);
            Same("weighted F1", expected["weighted"]!["f1"], report.WeightedF1);
            Assert.Equal((int)expected["support"]!, report.Support);

            var matrix = new ConfusionMatrix(testCase.Truth, testCase.Predicted);
            Assert.Equal(expected["labels"]!.AsArray().Select(l => (int)l!), matrix.Labels);
            var counts = matrix.ToDenseCounts();
            var rates = matrix.ToRowNormalized();
            var expectedCounts = expected["confusion"]!.AsArray();
            var expectedRates = expected["confusion_normalized"]!.AsArray();
            for (var row = 0; row < matrix.Labels.Count; row++)
            {
                for (var column = 0; column < matrix.Labels.Count; column++)
                {
                    Assert.Equal((int)expectedCounts[row]![column]!, counts[row, column]);
                    Same($"normalised cell {row},{column}", expectedRates[row]![column], rates[row, column]);
                }
            }

            var correct = testCase.Truth.Zip(testCase.Predicted, (t, p) => t == p).ToList();
            Same("ECE", expected["ece"], ClassificationMetrics.ExpectedCalibrationError(testCase.Confidence, correct, bins: 10));
        }
    }
}
