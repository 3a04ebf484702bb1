using Xunit.Abstractions;

namespace HsActors.Learning.Tests.Liblinear;

/// <summary>Checks LinearSvcTrainer against the real liblinear-train -s 1 on the same svmlight file.</summary>
public sealed class LinearSvcLiblinearComparisonTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hsactors-liblinear-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void AgreesWithLiblinearOnPredictionsObjectivesAndWeights()
    {
        var (train, test) = SyntheticTextClassification.Generate();
        var trainPath = Path.Combine(_directory, "train.txt");
        var testPath = Path.Combine(_directory, "test.txt");
        var modelPath = Path.Combine(_directory, "model.txt");
        LiblinearReference.WriteSvmLight(trainPath, train.Rows, train.Labels);
        LiblinearReference.WriteSvmLight(testPath, test.Rows, test.Labels);

        var run = LiblinearReference.Train(trainPath, modelPath, "-s 1 -c 1 -e 0.1 -B 1");
        var reference = LiblinearModelFile.Read(modelPath);
        var referencePredictions = LiblinearReference.Predict(testPath, modelPath, Path.Combine(_directory, "predictions.txt"));
        var ours = LinearSvcTrainer.Train(train.Rows, train.Labels, train.ClassCount, train.FeatureCount,
            new LinearSvcOptions { C = 1, Tolerance = 0.1, Bias = 1 });

        Assert.Equal(train.ClassCount, reference.Labels.Length);
        Assert.Equal(train.ClassCount, run.Objectives.Count);

        // (a) top-1 predictions on held-out rows.
        var ourPredictions = ModelEvaluation.Predict(ours.Model, test.Rows);
        var agreement = ourPredictions.Zip(referencePredictions).Count(p => p.First == p.Second) / (double)test.Rows.Count;
        var ourAccuracy = ourPredictions.Zip(test.Labels).Count(p => p.First == p.Second) / (double)test.Rows.Count;
        var referenceAccuracy = referencePredictions.Zip(test.Labels).Count(p => p.First == p.Second) / (double)test.Rows.Count;

        // (b) dual objective per class, in the model file's label order.
        var worstObjective = 0.0;
        for (var k = 0; k < reference.Labels.Length; k++)
        {
            var label = reference.Labels[k];
            var relative = Math.Abs(ours.DualObjectivePerClass[label] - run.Objectives[k]) / Math.Abs(run.Objectives[k]);
            worstObjective = Math.Max(worstObjective, relative);
        }

        // (c) weights, intercepts included.
        var maxWeightDiff = 0.0;
        var maxWeight = 0.0;
        for (var label = 0; label < train.ClassCount; label++)
        {
            for (var feature = 0; feature < train.FeatureCount; feature++)
            {
                var theirs = reference.Weight(label, feature);
                maxWeight = Math.Max(maxWeight, Math.Abs(theirs));
                maxWeightDiff = Math.Max(maxWeightDiff, Math.Abs(ours.Model.WeightRow(feature)[label] - theirs));
            }
            maxWeightDiff = Math.Max(maxWeightDiff, Math.Abs(ours.Model.Bias(label) - reference.Intercept(label)));
        }

        output.WriteLine($"top-1 agreement {agreement:P2}; accuracy ours {ourAccuracy:P2}, liblinear {referenceAccuracy:P2}");
        output.WriteLine($"worst per-class relative objective difference {worstObjective:E3}");
        output.WriteLine($"max |w_ours - w_liblinear| {maxWeightDiff:E3} (max |w| {maxWeight:F4})");
        output.WriteLine($"iterations ours {string.Join(',', ours.IterationsPerClass.Take(10))}..., liblinear {string.Join(',', run.Iterations.Take(10))}...");

        Assert.True(agreement >= 0.99, $"Top-1 agreement with liblinear is {agreement:P2}, expected >= 99%.");
        Assert.True(worstObjective <= 0.01, $"A class objective differs by {worstObjective:P3} from liblinear's, expected <= 1%.");
        // Both stop at eps = 0.1 from different permutations, so weights differ a little; a wrong solver differs a lot.
        Assert.True(maxWeightDiff <= 0.02 * maxWeight, $"Weights differ by up to {maxWeightDiff} (max |w| {maxWeight}).");
    }

    [Fact]
    public void ReportsTrainingTimeAgainstLiblinear()
    {
        var (train, _) = SyntheticTextClassification.Generate(trainRows: 4_000, testRows: 0, classCount: 97, featureCount: 20_000, seed: 7);
        var timing = LiblinearReference.CompareSvcTrainingTime(train, _directory);
        output.WriteLine(timing.ToString());
        Assert.Equal(train.ClassCount, timing.LiblinearObjectives.Count);
    }
}
