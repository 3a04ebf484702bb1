using Xunit.Abstractions;

namespace HsActors.Learning.Tests.Liblinear;

/// <summary>Checks LogisticRegressionTrainer against liblinear-train -s 7 (dual CD logistic regression, one-vs-rest).</summary>
public sealed class LogisticRegressionLiblinearComparisonTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hsactors-liblinear-lr-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AgreesWithLiblinearDualLogisticRegression()
    {
        var (train, test) = SyntheticTextClassification.Generate();
        var trainPath = Path.Combine(_directory, "train.txt");
        var testPath = Path.Combine(_directory, "test.txt");
        var modelPath = Path.Combine(_directory, "model.txt");
        LiblinearReference.WriteSvmLight(trainPath, train.Rows, train.Labels);
        LiblinearReference.WriteSvmLight(testPath, test.Rows, test.Labels);

        LiblinearReference.Train(trainPath, modelPath, "-s 7 -c 1 -e 0.1 -B 1");
        var referencePredictions = LiblinearReference.Predict(testPath, modelPath, Path.Combine(_directory, "predictions.txt"));
        var reference = LiblinearModelFile.Read(modelPath);
        var ours = LogisticRegressionTrainer.Train(train.Rows, train.Labels, train.ClassCount, train.FeatureCount, c: 1);

        var agreement = ModelEvaluation.Predict(ours, test.Rows).Zip(referencePredictions).Count(p => p.First == p.Second) / (double)test.Rows.Count;
        var maxWeightDiff = 0.0;
        var maxWeight = 0.0;
        for (var label = 0; label < train.ClassCount; label++)
        {
            for (var feature = 0; feature < train.FeatureCount; feature++)
            {
                maxWeight = Math.Max(maxWeight, Math.Abs(reference.Weight(label, feature)));
                maxWeightDiff = Math.Max(maxWeightDiff, Math.Abs(ours.WeightRow(feature)[label] - reference.Weight(label, feature)));
            }
        }
        output.WriteLine($"-s 7: top-1 agreement {agreement:P2}; max |w_ours - w_liblinear| {maxWeightDiff:E3} (max |w| {maxWeight:F4})");

        Assert.True(agreement >= 0.98, $"Top-1 agreement with liblinear -s 7 is {agreement:P2}, expected >= 98%.");
        Assert.True(maxWeightDiff <= 0.05 * maxWeight, $"Weights differ by up to {maxWeightDiff} (max |w| {maxWeight}).");
    }
}
