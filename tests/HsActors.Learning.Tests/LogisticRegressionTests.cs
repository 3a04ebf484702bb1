using HsActors.Learning.Tests.Liblinear;
using Xunit.Abstractions;

namespace HsActors.Learning.Tests;

public sealed class LogisticRegressionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void LearnsASeparableProblemPerfectly(int classCount)
    {
        var toy = SeparableToyProblem.Create(classCount);
        var model = LogisticRegressionTrainer.Train(toy.Rows, toy.Labels, toy.ClassCount, toy.FeatureCount, c: 10);
        Assert.Equal(1.0, ModelEvaluation.Accuracy(model, toy));
    }

    [Fact]
    public void ScoresAreLogOddsOfTheirClass()
    {
        // One-vs-rest: on separable data each row must get a positive log-odds for its own class only.
        var toy = SeparableToyProblem.Create(3, rowsPerClass: 20);
        var model = LogisticRegressionTrainer.Train(toy.Rows, toy.Labels, toy.ClassCount, toy.FeatureCount, c: 100);
        var scores = new float[3];
        for (var i = 0; i < toy.Rows.Count; i++)
        {
            model.Score(toy.Rows[i], scores);
            for (var c = 0; c < 3; c++)
            {
                Assert.Equal(c == toy.Labels[i], scores[c] > 0);
            }
        }
    }

    [Fact]
    public void ReachesSensibleAccuracyOnSyntheticText()
    {
        var (train, test) = SyntheticTextClassification.Generate();
        var model = LogisticRegressionTrainer.Train(train.Rows, train.Labels, train.ClassCount, train.FeatureCount, c: 10);
        var accuracy = ModelEvaluation.Accuracy(model, test);
        output.WriteLine($"LR held-out accuracy {accuracy:P2} over {train.ClassCount} classes");
        Assert.True(accuracy >= 0.7, $"held-out accuracy {accuracy:P2}");
    }

    [Fact]
    public void RejectsBadRegularisation()
    {
        var toy = SeparableToyProblem.Create(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticRegressionTrainer.Train(toy.Rows, toy.Labels, 2, toy.FeatureCount, c: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LogisticRegressionTrainer.Train(toy.Rows, toy.Labels, 2, toy.FeatureCount, maxIterations: 0));
    }
}
