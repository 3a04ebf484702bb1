using HsActors.Learning.Tests.Liblinear;
using Xunit.Abstractions;

namespace HsActors.Learning.Tests;

public sealed class LinearSvcTrainerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void LearnsASeparableProblemPerfectly(int classCount)
    {
        var toy = SeparableToyProblem.Create(classCount);
        var result = Train(toy, new LinearSvcOptions());
        Assert.Equal(1.0, ModelEvaluation.Accuracy(result.Model, toy));
    }

    [Fact]
    public void TwoClassesSolveOneProblemWhoseNegationScoresTheSecondClass()
    {
        var toy = SeparableToyProblem.Create(2);
        var result = Train(toy, new LinearSvcOptions());
        var scores = new float[2];
        foreach (var row in toy.Rows)
        {
            result.Model.Score(row, scores);
            Assert.Equal(-scores[0], scores[1]);
        }
        Assert.Equal(result.DualObjectivePerClass[0], result.DualObjectivePerClass[1]);
    }

    [Fact]
    public void ReturnedWeightsAndObjectiveFollowFromTheReturnedDualSolution()
    {
        var (data, _) = SyntheticTextClassification.Generate(trainRows: 600, testRows: 0, classCount: 6, featureCount: 400);
        var rowWeights = Enumerable.Range(0, 600).Select(i => i % 3 == 0 ? 2f : 1f).ToArray();
        var options = new LinearSvcOptions { C = 0.7, Bias = 2.0, Tolerance = 1e-3 };
        var result = Train(data, options, rowWeights);

        for (var c = 0; c < data.ClassCount; c++)
        {
            // w = Σ y_i α_i x_i, the bias feature having the constant value B.
            var w = new double[data.FeatureCount + 1];
            var dualPart = 0.0;
            for (var i = 0; i < data.Rows.Count; i++)
            {
                var alpha = (double)result.DualPerClass[c][i];
                Assert.True(alpha >= 0);
                var y = data.Labels[i] == c ? 1.0 : -1.0;
                var row = data.Rows[i];
                for (var k = 0; k < row.Count; k++)
                {
                    w[row.Indices[k]] += y * alpha * row.Values[k];
                }
                w[data.FeatureCount] += y * alpha * options.Bias;
                var ci = options.C * rowWeights[i];
                dualPart += 0.5 * alpha * alpha / (2 * ci) - alpha;
            }
            var norm = 0.0;
            for (var f = 0; f < data.FeatureCount; f++)
            {
                Assert.Equal(w[f], result.Model.Weight(f)[c], 1e-3);
                norm += w[f] * w[f];
            }
            Assert.Equal(w[data.FeatureCount] * options.Bias, result.Model.Bias(c), 1e-3);
            norm += w[data.FeatureCount] * w[data.FeatureCount];
            var objective = 0.5 * norm + dualPart;
            Assert.True(Math.Abs(objective - result.DualObjectivePerClass[c]) <= 1e-4 * Math.Abs(objective),
                $"class {c}: recomputed objective {objective}, reported {result.DualObjectivePerClass[c]}");
            Assert.True(objective < 0);

            // Optimality: the projected gradient y_i w·x_i − 1 + α_i D_ii is ~0 where α_i > 0 and >= ~0 where α_i = 0.
            for (var i = 0; i < data.Rows.Count; i++)
            {
                var alpha = (double)result.DualPerClass[c][i];
                var y = data.Labels[i] == c ? 1.0 : -1.0;
                var margin = w[data.FeatureCount] * options.Bias;
                var row = data.Rows[i];
                for (var k = 0; k < row.Count; k++)
                {
                    margin += w[row.Indices[k]] * row.Values[k];
                }
                var gradient = y * margin - 1 + alpha / (2 * options.C * rowWeights[i]);
                Assert.True(alpha > 0 ? Math.Abs(gradient) < 2e-3 : gradient > -2e-3, $"class {c} row {i}: alpha {alpha}, gradient {gradient}");
            }
        }
    }

    [Fact]
    public void RowWeightTwoEqualsTheRowTwice()
    {
        var (data, _) = SyntheticTextClassification.Generate(trainRows: 300, testRows: 0, classCount: 4, featureCount: 300);
        var weights = Enumerable.Range(0, 300).Select(i => i < 50 ? 2f : 1f).ToArray();
        var duplicated = new SyntheticDataSet(data.Rows.Concat(data.Rows.Take(50)).ToList(),
            data.Labels.Concat(data.Labels.Take(50)).ToArray(), data.ClassCount, data.FeatureCount);
        var options = new LinearSvcOptions { Tolerance = 1e-6 };

        var weighted = Train(data, options, weights).Model;
        var twice = Train(duplicated, options).Model;

        // The primal objectives coincide (C Σ ξ² counts the row twice either way) and are strictly convex.
        for (var f = 0; f < data.FeatureCount; f++)
        {
            for (var c = 0; c < data.ClassCount; c++)
            {
                Assert.Equal(twice.Weight(f)[c], weighted.Weight(f)[c], 1e-3);
            }
        }
        var unweighted = Train(data, options).Model;
        Assert.Contains(Enumerable.Range(0, data.FeatureCount), f => Math.Abs(unweighted.Weight(f)[0] - weighted.Weight(f)[0]) > 1e-2);
    }

    [Fact]
    public void BalancedClassWeightsScaleEachClassAsSklearnDoes()
    {
        // 2 classes: one binary problem with C_pos = C·w_0, C_neg = C·w_1, so balanced weights must equal row weights w_label.
        var toy = SeparableToyProblem.Create(2, rowsPerClass: 40);
        var rows = toy.Rows.Where((_, i) => toy.Labels[i] == 0 || i % 5 == 0).ToList();
        var labels = toy.Labels.Where((l, i) => l == 0 || i % 5 == 0).ToArray();
        var imbalanced = new SyntheticDataSet(rows, labels, 2, toy.FeatureCount);
        var counts = new[] { labels.Count(l => l == 0), labels.Count(l => l == 1) };
        Assert.NotEqual(counts[0], counts[1]);
        var rowWeights = labels.Select(l => (float)(labels.Length / (2.0 * counts[l]))).ToArray();

        var balanced = Train(imbalanced, new LinearSvcOptions { BalancedClassWeights = true, Tolerance = 1e-6 }).Model;
        var explicitWeights = Train(imbalanced, new LinearSvcOptions { Tolerance = 1e-6 }, rowWeights).Model;
        var plain = Train(imbalanced, new LinearSvcOptions { Tolerance = 1e-6 }).Model;
        for (var f = 0; f < imbalanced.FeatureCount; f++)
        {
            Assert.Equal(explicitWeights.Weight(f)[0], balanced.Weight(f)[0], 1e-4);
        }
        Assert.Equal(explicitWeights.Bias(0), balanced.Bias(0), 1e-4);
        Assert.NotEqual(plain.Bias(0), balanced.Bias(0), 3);
    }

    [Fact]
    public void SameSeedGivesTheSameModelWhateverTheParallelism()
    {
        var (data, _) = SyntheticTextClassification.Generate(trainRows: 800, testRows: 0, classCount: 8, featureCount: 500);
        var sequential = Train(data, new LinearSvcOptions { MaxDegreeOfParallelism = 1 });
        var parallel = Train(data, new LinearSvcOptions { MaxDegreeOfParallelism = 4 });
        for (var f = 0; f < data.FeatureCount; f++)
        {
            Assert.Equal(sequential.Model.Weight(f), parallel.Model.Weight(f));
        }
        Assert.Equal(sequential.IterationsPerClass, parallel.IterationsPerClass);
        var otherSeed = Train(data, new LinearSvcOptions { Seed = 2 });
        Assert.NotEqual(sequential.DualObjectivePerClass, otherSeed.DualObjectivePerClass);
    }

    [Fact]
    public void WarmStartFromTheSameRowsStopsAfterOneCheckingPass()
    {
        var (data, _) = SyntheticTextClassification.Generate(trainRows: 1000, testRows: 0, classCount: 10, featureCount: 1000);
        var first = Train(data, new LinearSvcOptions());
        var again = Train(data, new LinearSvcOptions(), warmStart: new LinearSvcWarmStart(first.DualPerClass));
        Assert.All(again.IterationsPerClass, iterations => Assert.Equal(1, iterations));
        Assert.All(first.IterationsPerClass, iterations => Assert.True(iterations > 1));
    }

    [Fact]
    public void WarmStartAfterAppendingRowsConvergesFasterToTheSameObjective()
    {
        var (all, _) = SyntheticTextClassification.Generate(trainRows: 3000, testRows: 0);
        var previousCount = 2850; // the last 5% are new
        var previous = new SyntheticDataSet(all.Rows.Take(previousCount).ToList(), all.Labels[..previousCount], all.ClassCount, all.FeatureCount);
        var options = new LinearSvcOptions();
        var exact = Train(all, options with { Tolerance = 1e-3 });

        var first = Train(previous, options);
        var cold = Train(all, options);
        var warm = Train(all, options, warmStart: new LinearSvcWarmStart(first.DualPerClass));

        var coldIterations = cold.IterationsPerClass.Sum();
        var warmIterations = warm.IterationsPerClass.Sum();
        double Gap(LinearSvcResult result) => result.DualObjectivePerClass.Zip(exact.DualObjectivePerClass)
            .Max(p => Math.Abs(p.First - p.Second) / Math.Abs(p.Second));
        output.WriteLine($"passes over {all.ClassCount} classes: cold {coldIterations}, warm {warmIterations}; " +
                         $"worst relative gap to the eps=1e-3 objective: cold {Gap(cold):E2}, warm {Gap(warm):E2}");

        // Dual CD stops on the largest violation, which the new rows (alpha = 0) bring back, so the saving is in
        // passes over already-settled rows rather than orders of magnitude.
        Assert.True(warmIterations <= 0.8 * coldIterations, $"warm start took {warmIterations} passes, cold start {coldIterations}");
        Assert.True(Gap(warm) <= 0.01, $"warm objective is {Gap(warm):P2} away from the optimum");
    }

    [Fact]
    public void ReportsProgressOncePerClass()
    {
        var toy = SeparableToyProblem.Create(5);
        var reports = new System.Collections.Concurrent.ConcurrentBag<int>();
        LinearSvcTrainer.Train(toy.Rows, toy.Labels, 5, toy.FeatureCount, new LinearSvcOptions(),
            classesDone: new SynchronousProgress(reports.Add));
        Assert.Equal([1, 2, 3, 4, 5], reports.Order());
    }

    [Fact]
    public void RejectsInconsistentInput()
    {
        var toy = SeparableToyProblem.Create(3);
        var options = new LinearSvcOptions();
        Assert.Throws<ArgumentException>(() => LinearSvcTrainer.Train(toy.Rows, toy.Labels[1..], 3, toy.FeatureCount, options));
        Assert.Throws<ArgumentException>(() => LinearSvcTrainer.Train(toy.Rows, toy.Labels, 2, toy.FeatureCount, options));
        Assert.Throws<ArgumentException>(() => LinearSvcTrainer.Train(toy.Rows, toy.Labels, 3, toy.FeatureCount - 1, options));
        Assert.Throws<ArgumentException>(() => LinearSvcTrainer.Train([new SparseVector([2, 1], [1f, 1f])], [0], 1, 5, options));
        Assert.Throws<ArgumentException>(() => LinearSvcTrainer.Train([default], [0], 1, 5, options));
        Assert.Throws<ArgumentException>(() => LinearSvcTrainer.Train(toy.Rows, toy.Labels, 3, toy.FeatureCount, options,
            rowWeights: new float[toy.Rows.Count]));
        Assert.Throws<ArgumentException>(() => LinearSvcTrainer.Train(toy.Rows, toy.Labels, 3, toy.FeatureCount, options,
            warmStart: new LinearSvcWarmStart([new float[1], new float[1]])));
        Assert.Throws<ArgumentException>(() => LinearSvcTrainer.Train(toy.Rows, toy.Labels, 3, toy.FeatureCount, options,
            warmStart: new LinearSvcWarmStart([new float[1], new float[1], new float[toy.Rows.Count + 1]])));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearSvcTrainer.Train(toy.Rows, toy.Labels, 3, toy.FeatureCount, options with { C = 0 }));
    }

    private static LinearSvcResult Train(SyntheticDataSet data, LinearSvcOptions options, float[]? rowWeights = null,
        LinearSvcWarmStart? warmStart = null) =>
        LinearSvcTrainer.Train(data.Rows, data.Labels, data.ClassCount, data.FeatureCount, options, rowWeights, warmStart);

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
