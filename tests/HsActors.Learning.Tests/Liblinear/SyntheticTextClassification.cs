namespace HsActors.Learning.Tests.Liblinear;

public sealed record SyntheticDataSet(IReadOnlyList<SparseVector> Rows, int[] Labels, int ClassCount, int FeatureCount);

/// <summary>
/// A deterministic stand-in for TF-IDF goods descriptions: each class draws most of its terms from its own small,
/// Zipf-weighted vocabulary (classes overlap because vocabularies are drawn independently), the rest from a global
/// Zipf background; class sizes are skewed; rows use sublinear term frequency and are L2-normalised.
/// </summary>
public static class SyntheticTextClassification
{
    public static (SyntheticDataSet Train, SyntheticDataSet Test) Generate(int trainRows = 3000, int testRows = 1000,
        int classCount = 40, int featureCount = 5000, int seed = 42, double classTermShare = 0.3)
    {
        var random = new Random(seed);
        const int termsPerClass = 40;
        var classTerms = new int[classCount][];
        for (var c = 0; c < classCount; c++)
        {
            classTerms[c] = Enumerable.Range(0, termsPerClass).Select(_ => random.Next(featureCount)).ToArray();
        }
        var topicTermWeights = ZipfCumulative(termsPerClass);
        var background = Enumerable.Range(0, featureCount).OrderBy(_ => random.Next()).ToArray();
        var backgroundWeights = ZipfCumulative(featureCount);
        var classWeights = ZipfCumulative(classCount, exponent: 0.7);

        SyntheticDataSet Draw(int count)
        {
            var rows = new SparseVector[count];
            var labels = new int[count];
            var counts = new Dictionary<int, int>();
            for (var r = 0; r < count; r++)
            {
                var label = Sample(random, classWeights);
                var length = random.Next(6, 21);
                counts.Clear();
                for (var t = 0; t < length; t++)
                {
                    var term = random.NextDouble() < classTermShare
                        ? classTerms[label][Sample(random, topicTermWeights)]
                        : background[Sample(random, backgroundWeights)];
                    counts[term] = counts.GetValueOrDefault(term) + 1;
                }
                var indices = counts.Keys.Order().ToArray();
                var values = indices.Select(i => (float)(1.0 + Math.Log(counts[i]))).ToArray();
                var norm = MathF.Sqrt(values.Sum(v => v * v));
                for (var k = 0; k < values.Length; k++)
                {
                    values[k] /= norm;
                }
                rows[r] = new SparseVector(indices, values);
                labels[r] = label;
            }
            return new SyntheticDataSet(rows, labels, classCount, featureCount);
        }

        var train = Draw(trainRows);
        var test = Draw(testRows);
        return (train, test);
    }

    private static double[] ZipfCumulative(int count, double exponent = 1.0)
    {
        var cumulative = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, exponent);
            cumulative[i] = sum;
        }
        for (var i = 0; i < count; i++)
        {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    private static int Sample(Random random, double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }
}
