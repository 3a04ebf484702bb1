using HsActors.Learning.Tests.Liblinear;
using Xunit.Abstractions;

namespace HsActors.Learning.Tests;

public sealed class NaiveBayesTests(ITestOutputHelper output)
{
    [Fact]
    public void MatchesTheClosedFormOnAHandCheckedExample()
    {
        // Class 0: rows (1, 2, 0) and (0, 1, 0) -> feature sums (1, 3, 0), total 4.
        // Class 1: row (0, 0, 3)                -> feature sums (0, 0, 3), total 3.
        // alpha = 1, 3 features: P(f|0) = (2/7, 4/7, 1/7), P(f|1) = (1/6, 1/6, 4/6); priors 2/3 and 1/3.
        SparseVector[] rows =
        [
            new([0, 1], [1f, 2f]),
            new([1], [1f]),
            new([2], [3f]),
        ];
        var model = MultinomialNaiveBayesTrainer.Train(rows, [0, 0, 1], classCount: 2, featureCount: 3, alpha: 1.0);

        Assert.Equal(Math.Log(2.0 / 3), model.Bias(0), 1e-5);
        Assert.Equal(Math.Log(1.0 / 3), model.Bias(1), 1e-5);
        double[][] expected = [[2.0 / 7, 1.0 / 6], [4.0 / 7, 1.0 / 6], [1.0 / 7, 4.0 / 6]];
        for (var f = 0; f < 3; f++)
        {
            for (var c = 0; c < 2; c++)
            {
                Assert.Equal(Math.Log(expected[f][c]), model.Weight(f)[c], 1e-5);
            }
        }

        // Score of (0, 0.5, 0): joint log-likelihood ln P(c) + 0.5 ln P(f1|c).
        var scores = new float[2];
        model.Score(new SparseVector([1], [0.5f]), scores);
        Assert.Equal(Math.Log(2.0 / 3) + 0.5 * Math.Log(4.0 / 7), scores[0], 1e-5);
        Assert.Equal(Math.Log(1.0 / 3) + 0.5 * Math.Log(1.0 / 6), scores[1], 1e-5);
    }

    [Fact]
    public void SmoothingAlphaEntersNumeratorAndDenominator()
    {
        SparseVector[] rows = [new([0], [2f]), new([1], [1f])];
        var model = MultinomialNaiveBayesTrainer.Train(rows, [0, 1], 2, 2, alpha: 0.5);
        // Class 0 sums (2, 0): P = (2.5/3, 0.5/3).
        Assert.Equal(Math.Log(2.5 / 3), model.Weight(0)[0], 1e-5);
        Assert.Equal(Math.Log(0.5 / 3), model.Weight(1)[0], 1e-5);
    }

    [Fact]
    public void LearnsASeparableProblemPerfectly()
    {
        var toy = SeparableToyProblem.Create(5);
        var model = MultinomialNaiveBayesTrainer.Train(toy.Rows, toy.Labels, toy.ClassCount, toy.FeatureCount);
        Assert.Equal(1.0, ModelEvaluation.Accuracy(model, toy));
    }

    [Fact]
    public void ReachesSensibleAccuracyOnSyntheticText()
    {
        var (train, test) = SyntheticTextClassification.Generate();
        // L2-normalised rows carry a mass of ~4 each, so alpha × features must stay small against it: alpha = 1 would
        // flatten every class towards uniform.
        var model = MultinomialNaiveBayesTrainer.Train(train.Rows, train.Labels, train.ClassCount, train.FeatureCount, alpha: 0.01);
        var accuracy = ModelEvaluation.Accuracy(model, test);
        var majority = test.Labels.GroupBy(l => l).Max(g => g.Count()) / (double)test.Labels.Length;
        output.WriteLine($"MNB held-out accuracy {accuracy:P2} over {train.ClassCount} classes (majority class {majority:P2})");
        Assert.True(accuracy >= 0.75, $"held-out accuracy {accuracy:P2}");
    }

    [Fact]
    public void AClassWithoutRowsRanksLast()
    {
        var toy = SeparableToyProblem.Create(3);
        var model = MultinomialNaiveBayesTrainer.Train(toy.Rows, toy.Labels, classCount: 4, toy.FeatureCount);
        var scores = new float[4];
        model.Score(toy.Rows[0], scores);
        Assert.True(float.IsFinite(scores[3]));
        Assert.True(scores[3] < scores.Take(3).Min());
    }

    [Fact]
    public void RejectsNegativeFeaturesAndNonPositiveAlpha()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            MultinomialNaiveBayesTrainer.Train([new SparseVector([0], [-1f])], [0], 1, 1));
        Assert.Contains("negative", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            MultinomialNaiveBayesTrainer.Train([new SparseVector([0], [1f])], [0], 1, 1, alpha: 0));
    }

    [Fact]
    public void The_sparse_form_scores_as_the_dense_form_stores_only_seen_terms_and_round_trips()
    {
        var (train, test) = SyntheticTextClassification.Generate();
        var dense = MultinomialNaiveBayesTrainer.Train(train.Rows, train.Labels, train.ClassCount, train.FeatureCount, alpha: 0.1);
        var sparse = MultinomialNaiveBayesTrainer.TrainSparse(train.Rows, train.Labels, train.ClassCount, train.FeatureCount, alpha: 0.1);

        var seen = new HashSet<(int Feature, int Class)>();
        for (var i = 0; i < train.Rows.Count; i++)
        {
            foreach (var feature in train.Rows[i].Indices)
            {
                seen.Add((feature, train.Labels[i]));
            }
        }
        var nonZero = sparse.NonZeroCount;
        Assert.Equal(seen.Count, nonZero);
        Assert.All(seen.Take(50), pair => Assert.True(sparse.TermWeight(pair.Feature, pair.Class) > 0f));
        Assert.True(nonZero < train.FeatureCount * train.ClassCount / 2, $"{nonZero} non-zero term weights of {train.FeatureCount * train.ClassCount}");

        var bytes = Bytes(sparse);
        var read = MultinomialNaiveBayesModel.ReadFrom(new BinaryReader(new MemoryStream(bytes)));
        Assert.Equal(0.1, read.Alpha);

        var expected = new float[train.ClassCount];
        var actual = new float[train.ClassCount];
        var again = new float[train.ClassCount];
        foreach (var row in test.Rows.Take(200))
        {
            dense.Score(row, expected);
            sparse.Score(row, actual);
            read.Score(row, again);
            Assert.All(expected.Zip(actual), p => Assert.Equal(p.First, p.Second, tolerance: 1e-3 * Math.Max(1, Math.Abs(p.First))));
            Assert.Equal(actual, again);
        }
        Assert.Throws<InvalidDataException>(() => MultinomialNaiveBayesModel.ReadFrom(new BinaryReader(new MemoryStream(bytes[..^3]))));
    }

    [Fact]
    public void A_row_of_weight_two_counts_as_two_copies_of_itself()
    {
        SparseVector[] rows = [new([0, 1], [1f, 2f]), new([1], [1f]), new([2], [3f])];
        var weighted = MultinomialNaiveBayesTrainer.TrainSparse(rows, [0, 0, 1], 2, 3, alpha: 0.5, weights: [2f, 1f, 1f]);
        var copied = MultinomialNaiveBayesTrainer.TrainSparse([rows[0], .. rows], [0, 0, 0, 1], 2, 3, alpha: 0.5);
        var unweighted = MultinomialNaiveBayesTrainer.TrainSparse(rows, [0, 0, 1], 2, 3, alpha: 0.5);
        var probe = new SparseVector([0, 2], [0.6f, 0.8f]);
        float[] a = new float[2], b = new float[2], c = new float[2];
        weighted.Score(probe, a);
        copied.Score(probe, b);
        unweighted.Score(probe, c);
        Assert.All(a.Zip(b), p => Assert.Equal(p.Second, p.First, 5));
        Assert.NotEqual(c[0], a[0], 3);
        Assert.Throws<ArgumentException>(() => MultinomialNaiveBayesTrainer.TrainSparse(rows, [0, 0, 1], 2, 3, weights: [1f, -1f, 1f]));
    }

    [Fact]
    public void A_format_1_model_without_its_alpha_is_still_read_and_written_back_as_format_1()
    {
        var (train, test) = SyntheticTextClassification.Generate();
        var model = MultinomialNaiveBayesTrainer.TrainSparse(train.Rows, train.Labels, train.ClassCount, train.FeatureCount, alpha: 0.1);
        var current = Bytes(model);
        // Format 1 is format 2 without the 8-byte alpha after the 16-byte header (magic, version, classes, features).
        var formatOne = current[..16].Concat(current[24..]).ToArray();
        BitConverter.GetBytes(1).CopyTo(formatOne, 4);

        var read = MultinomialNaiveBayesModel.ReadFrom(new BinaryReader(new MemoryStream(formatOne)));
        Assert.Null(read.Alpha);
        Assert.Equal(formatOne, Bytes(read));
        float[] expected = new float[train.ClassCount], actual = new float[train.ClassCount];
        foreach (var row in test.Rows.Take(50))
        {
            model.Score(row, expected);
            read.Score(row, actual);
            Assert.Equal(expected, actual);
        }
    }

    private static byte[] Bytes(MultinomialNaiveBayesModel model)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            model.WriteTo(writer);
        }
        return buffer.ToArray();
    }
}
