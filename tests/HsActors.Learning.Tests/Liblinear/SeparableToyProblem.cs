namespace HsActors.Learning.Tests.Liblinear;

/// <summary>
/// A linearly separable problem: rows of class c only use features 2c and 2c+1 (random positive values) plus one
/// shared noise feature, so every learner must classify its training rows perfectly.
/// </summary>
public static class SeparableToyProblem
{
    public static SyntheticDataSet Create(int classCount, int rowsPerClass = 10, int seed = 3)
    {
        var random = new Random(seed);
        var featureCount = 2 * classCount + 1;
        var rows = new List<SparseVector>();
        var labels = new List<int>();
        for (var r = 0; r < rowsPerClass; r++)
        {
            for (var c = 0; c < classCount; c++)
            {
                var values = new[] { 0.2f + random.NextSingle(), 0.2f + random.NextSingle(), random.NextSingle() };
                var norm = MathF.Sqrt(values.Sum(v => v * v));
                rows.Add(new SparseVector([2 * c, 2 * c + 1, featureCount - 1], values.Select(v => v / norm).ToArray()));
                labels.Add(c);
            }
        }
        return new SyntheticDataSet(rows, labels.ToArray(), classCount, featureCount);
    }
}
