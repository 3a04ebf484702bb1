using HsActors.Learning;

namespace HsActors.Classification.Maps;

/// <summary>
/// Places the classes of a linear model (or groups of them) in three dimensions so that classes the model scores
/// alike sit close together: the cosine similarity of their weight vectors, embedded by classical multidimensional
/// scaling (the top three eigenvectors of the double-centred similarity matrix). No new model is trained: the map is a
/// view of the weights that already rank the goods, so what looks near on screen is what the classifier confuses.
/// </summary>
public static class WeightSpaceMap
{
    public const int Dimensions = 3;

    private const int PowerIterations = 200;

    /// <param name="groupOfClass">For each class of <paramref name="model"/>, the group it adds its weights to (0..groups-1).</param>
    /// <returns>One point per group, scaled (the same on every axis) into [-1, 1].</returns>
    public static double[][] Project(LinearModel model, IReadOnlyList<int> groupOfClass, int groups)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(groupOfClass);
        if (groupOfClass.Count != model.ClassCount)
        {
            throw new ArgumentException($"Expected a group for each of the {model.ClassCount} classes, got {groupOfClass.Count}.", nameof(groupOfClass));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        var similarity = CosineSimilarity(model, groupOfClass, groups);
        DoubleCentre(similarity);
        var points = new double[groups][];
        for (var g = 0; g < groups; g++)
        {
            points[g] = new double[Dimensions];
        }
        for (var axis = 0; axis < Math.Min(Dimensions, groups); axis++)
        {
            var (value, vector) = TopEigenpair(similarity, axis);
            var scale = Math.Sqrt(Math.Max(value, 0));
            for (var g = 0; g < groups; g++)
            {
                points[g][axis] = vector[g] * scale;
            }
            Deflate(similarity, value, vector);
        }
        ScaleAxes(points);
        return points;
    }

    /// <summary>The identity grouping: every class is its own point.</summary>
    public static double[][] Project(LinearModel model) =>
        Project(model, Enumerable.Range(0, model.ClassCount).ToArray(), model.ClassCount);

    private static double[,] CosineSimilarity(LinearModel model, IReadOnlyList<int> groupOfClass, int groups)
    {
        var gram = new double[groups, groups];
        var summed = new double[groups];
        for (var feature = 0; feature < model.FeatureCount; feature++)
        {
            var row = model.WeightRow(feature);
            Array.Clear(summed);
            var any = false;
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c] != 0)
                {
                    summed[groupOfClass[c]] += row[c];
                    any = true;
                }
            }
            if (!any)
            {
                continue; // hashed feature spaces are mostly empty rows
            }
            for (var i = 0; i < groups; i++)
            {
                var wi = summed[i];
                if (wi == 0)
                {
                    continue;
                }
                for (var j = i; j < groups; j++)
                {
                    gram[i, j] += wi * summed[j];
                }
            }
        }
        for (var i = 0; i < groups; i++)
        {
            for (var j = i + 1; j < groups; j++)
            {
                var norm = Math.Sqrt(gram[i, i] * gram[j, j]);
                gram[i, j] = gram[j, i] = norm > 0 ? gram[i, j] / norm : 0;
            }
        }
        for (var i = 0; i < groups; i++)
        {
            gram[i, i] = 1;
        }
        return gram;
    }

    private static void DoubleCentre(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var rowMeans = new double[n];
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                rowMeans[i] += matrix[i, j];
            }
            total += rowMeans[i];
            rowMeans[i] /= n;
        }
        var grandMean = total / ((double)n * n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                matrix[i, j] += grandMean - rowMeans[i] - rowMeans[j];
            }
        }
    }

    /// <summary>Power iteration from a fixed start, so the same model always gives the same map.</summary>
    private static (double Value, double[] Vector) TopEigenpair(double[,] matrix, int seed)
    {
        var n = matrix.GetLength(0);
        var vector = new double[n];
        for (var i = 0; i < n; i++)
        {
            vector[i] = 1.0 + ((i * 7919 + seed * 104729) % 97) / 97.0;
        }
        Normalise(vector);
        var next = new double[n];
        var value = 0.0;
        for (var iteration = 0; iteration < PowerIterations; iteration++)
        {
            for (var i = 0; i < n; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < n; j++)
                {
                    sum += matrix[i, j] * vector[j];
                }
                next[i] = sum;
            }
            value = Normalise(next);
            if (value == 0)
            {
                return (0, new double[n]);
            }
            (vector, next) = (next, vector);
        }
        // The sign of an eigenvector is arbitrary; fixing it keeps a map from flipping between model versions.
        if (vector.Sum() < 0)
        {
            for (var i = 0; i < n; i++)
            {
                vector[i] = -vector[i];
            }
        }
        return (value, vector);
    }

    private static void Deflate(double[,] matrix, double value, double[] vector)
    {
        var n = vector.Length;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                matrix[i, j] -= value * vector[i] * vector[j];
            }
        }
    }

    private static double Normalise(double[] vector)
    {
        var norm = Math.Sqrt(vector.Sum(v => v * v));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }
        return norm;
    }

    /// <summary>One factor for all axes, so distances keep their proportions (a weak third axis stays flat).</summary>
    private static void ScaleAxes(double[][] points)
    {
        var extent = points.Max(p => p.Max(Math.Abs));
        if (extent <= 0)
        {
            return;
        }
        foreach (var point in points)
        {
            for (var axis = 0; axis < Dimensions; axis++)
            {
                point[axis] /= extent;
            }
        }
    }
}
