using HsActors.Learning.Tests.Liblinear;
using Xunit.Abstractions;

namespace HsActors.Learning.Tests;

public sealed class LinearModelTests(ITestOutputHelper output)
{
    // Class counts that end in each vector width the accumulator steps down through (16, 8, 4 floats) and a scalar tail.
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(29)]
    [InlineData(57)]
    [InlineData(97)]
    [InlineData(1000)]
    public void ScoreEqualsBiasPlusSparseDotProductPerClass(int classCount)
    {
        var random = new Random(classCount);
        var model = RandomModel(random, classCount, featureCount: 300, zeroShare: 0.3);
        for (var trial = 0; trial < 20; trial++)
        {
            var row = RandomRow(random, 300);
            var scores = new float[classCount];
            model.Score(row, scores);
            for (var c = 0; c < classCount; c++)
            {
                var expected = (double)model.Bias(c);
                for (var k = 0; k < row.Count; k++)
                {
                    expected += row.Values[k] * (double)model.WeightRow(row.Indices[k])[c];
                }
                Assert.Equal(expected, scores[c], 1e-4);
            }
        }
    }

    [Fact]
    public void ScoreDoesNotAllocate()
    {
        var random = new Random(5);
        var model = RandomModel(random, 97, 2000, zeroShare: 0.5);
        var row = RandomRow(random, 2000);
        var scores = new float[97];
        model.Score(row, scores); // JIT and tiering happen outside the measurement
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            model.Score(row, scores);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ScoreRejectsWrongBufferLengthAndUnknownFeatures()
    {
        var model = RandomModel(new Random(1), 4, 10, 0);
        Assert.Throws<ArgumentException>(() => model.Score(new SparseVector([1], [1f]), new float[3]));
        var error = Assert.Throws<ArgumentException>(() => model.Score(new SparseVector([10], [1f]), new float[4]));
        Assert.Contains("10", error.Message);
    }

    [Fact]
    public void WeightReturnsACopy()
    {
        var model = RandomModel(new Random(2), 5, 10, 0);
        var weight = model.Weight(3);
        var original = weight[2];
        weight[2] = original + 100;
        Assert.Equal(original, model.Weight(3)[2]);
        Assert.Equal(5, weight.Length);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.97)]
    [InlineData(1.0)]
    public void RoundTripsExactly(double zeroShare)
    {
        var random = new Random(11);
        var model = RandomModel(random, 97, 500, zeroShare);
        var copy = RoundTrip(model, out _);

        Assert.Equal(model.ClassCount, copy.ClassCount);
        Assert.Equal(model.FeatureCount, copy.FeatureCount);
        for (var c = 0; c < model.ClassCount; c++)
        {
            Assert.Equal(model.Bias(c), copy.Bias(c));
        }
        for (var f = 0; f < model.FeatureCount; f++)
        {
            Assert.Equal(model.Weight(f), copy.Weight(f));
        }
    }

    [Fact]
    public void StoresMostlyZeroRowsSparselyAndReportsSizeOfATrainedSvm()
    {
        var sparse = RandomModel(new Random(4), 97, 1000, zeroShare: 0.95);
        RoundTrip(sparse, out var sparseBytes);
        var denseBytes = 4L * 97 * 1000;
        Assert.True(sparseBytes < denseBytes / 2, $"A 95%-zero model took {sparseBytes} bytes, dense floats alone are {denseBytes}.");

        var (train, _) = SyntheticTextClassification.Generate(trainRows: 3000, testRows: 0);
        var svm = LinearSvcTrainer.Train(train.Rows, train.Labels, train.ClassCount, train.FeatureCount, new LinearSvcOptions()).Model;
        var copy = RoundTrip(svm, out var svmBytes);
        var zeros = Enumerable.Range(0, svm.FeatureCount).Sum(f => svm.Weight(f).Count(w => w == 0f));
        output.WriteLine($"SVM {svm.ClassCount}x{svm.FeatureCount}: {zeros * 100.0 / ((double)svm.ClassCount * svm.FeatureCount):F1}% exact zeros, " +
                         $"{svmBytes} bytes written vs {4L * svm.ClassCount * svm.FeatureCount} dense");
        Assert.Equal(ModelEvaluation.Predict(svm, train.Rows), ModelEvaluation.Predict(copy, train.Rows));
    }

    [Fact]
    public void ReadFromRejectsForeignAndTruncatedStreams()
    {
        using var foreign = new MemoryStream(new byte[64]);
        Assert.Throws<InvalidDataException>(() => LinearModel.ReadFrom(new BinaryReader(foreign)));

        var model = RandomModel(new Random(3), 10, 50, 0.2);
        var stream = new MemoryStream();
        model.WriteTo(new BinaryWriter(stream));
        var truncated = new MemoryStream(stream.ToArray()[..(int)(stream.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => LinearModel.ReadFrom(new BinaryReader(truncated)));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void ConstructorRejectsMismatchedShapes()
    {
        Assert.Throws<ArgumentException>(() => new LinearModel(3, 4, new float[11], new float[3]));
        Assert.Throws<ArgumentException>(() => new LinearModel(3, 4, new float[12], new float[2]));
    }

    private static LinearModel RoundTrip(LinearModel model, out long bytes)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.WriteTo(writer);
        }
        bytes = stream.Length;
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var copy = LinearModel.ReadFrom(reader);
        Assert.Equal(stream.Length, stream.Position);
        return copy;
    }

    private static LinearModel RandomModel(Random random, int classCount, int featureCount, double zeroShare)
    {
        var weights = new float[classCount * featureCount];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = random.NextDouble() < zeroShare ? 0f : (float)(random.NextDouble() * 2 - 1);
        }
        var biases = Enumerable.Range(0, classCount).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        return new LinearModel(classCount, featureCount, weights, biases);
    }

    private static SparseVector RandomRow(Random random, int featureCount)
    {
        var indices = Enumerable.Range(0, featureCount).Where(_ => random.NextDouble() < 0.05).ToArray();
        return new SparseVector(indices, indices.Select(_ => random.NextSingle()).ToArray());
    }
}
