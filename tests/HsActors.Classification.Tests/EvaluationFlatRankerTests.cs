using HsActors.Classification.Evaluation;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Tests;

public sealed class EvaluationFlatRankerTests
{
    private const int Features = 40;
    private const int Classes = 6;

    /// <summary>Class c owns features 6c..6c+5; each row has two of its own features and one random other feature.</summary>
    private static (SparseVector[] Rows, int[] Labels) Data(int rowsPerClass, int seed)
    {
        var random = new Random(seed);
        var rows = new List<SparseVector>();
        var labels = new List<int>();
        for (var c = 0; c < Classes; c++)
        {
            for (var i = 0; i < rowsPerClass; i++)
            {
                var features = new SortedSet<int> { 6 * c + random.Next(6), 6 * c + random.Next(6), 36 + random.Next(4) };
                rows.Add(new SparseVector([.. features], [.. features.Select(_ => 1f / MathF.Sqrt(features.Count))]));
                labels.Add(c);
            }
        }
        return ([.. rows], [.. labels]);
    }

    private static readonly HsCode[] Codes = [.. Enumerable.Range(1, Classes).Select(c => HsCode.Parse($"0{c}0110"))];

    [Theory]
    [InlineData(FlatLearner.MultinomialNaiveBayes)]
    [InlineData(FlatLearner.LinearSvc)]
    [InlineData(FlatLearner.LogisticRegression)]
    public void Training_in_chunks_ranks_like_one_model(FlatLearner learner)
    {
        var (train, labels) = Data(20, seed: 1);
        var (test, truth) = Data(5, seed: 2);
        var weights = train.Select(_ => 1f).ToArray();
        var whole = new FlatModelOptions();
        var chunked = new FlatModelOptions { WeightBudgetBytes = 3 * sizeof(float) * Features }; // 2 classes + rest per chunk
        Assert.Equal(2, FlatRanker.ClassesPerChunk(Classes, Features, chunked.WeightBudgetBytes));

        var one = FlatRanker.TrainAndRank(learner, train, labels, weights, Codes, Features, test, 3, whole);
        var chunks = FlatRanker.TrainAndRank(learner, train, labels, weights, Codes, Features, test, 3, chunked);

        for (var t = 0; t < test.Length; t++)
        {
            Assert.Equal(Codes[truth[t]], one[t][0].Code);   // the data is separable: both must get it right
            Assert.Equal(one[t][0].Code, chunks[t][0].Code);
            Assert.True(one[t].Zip(one[t].Skip(1)).All(p => p.First.Probability >= p.Second.Probability));
        }
        if (learner == FlatLearner.MultinomialNaiveBayes)
        {
            // Naive Bayes has no solver randomness: chunking must not change a single probability.
            for (var t = 0; t < test.Length; t++)
            {
                Assert.Equal(one[t].Select(r => r.Code), chunks[t].Select(r => r.Code));
                Assert.Equal(one[t].Select(r => (double)r.Probability), chunks[t].Select(r => (double)r.Probability), (a, b) => Math.Abs(a - b) < 1e-5);
            }
        }
    }

    [Fact]
    public void One_class_is_refused()
    {
        var (train, labels) = Data(2, seed: 1);
        var e = Assert.Throws<ArgumentException>(() => FlatRanker.TrainAndRank(FlatLearner.LinearSvc, train, [.. labels.Select(_ => 0)],
            [.. train.Select(_ => 1f)], [Codes[0]], Features, train, 3, new FlatModelOptions()));
        Assert.Contains("at least 2 classes", e.Message);
    }
}
