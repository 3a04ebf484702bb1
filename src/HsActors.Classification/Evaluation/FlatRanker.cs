using HsActors.Classification.Hierarchy;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Evaluation;

/// <summary>
/// Trains one flat learner over all classes and ranks test rows with it, without ever holding the whole
/// features × classes weight matrix: every learner here is one-vs-rest (or, for naive Bayes, per class), so a chunk of
/// classes trained against a single "rest" class gets exactly the per-class problems of the full model. Only the test
/// rows' scores are kept, chunk by chunk; probabilities are softmax(scores) with temperature 1 (not calibrated).
/// </summary>
public static class FlatRanker
{
    public static IReadOnlyList<CodeRecommendation>[] TrainAndRank(
        FlatLearner learner,
        IReadOnlyList<SparseVector> trainRows,
        int[] labels,
        float[] rowWeights,
        IReadOnlyList<HsCode> classes,
        int featureCount,
        IReadOnlyList<SparseVector> testRows,
        int depth,
        FlatModelOptions options,
        IProgress<(int Done, int Total)>? classesDone = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        if (classes.Count < 2)
        {
            throw new ArgumentException($"A flat model needs at least 2 classes; the training rows have {classes.Count}.", nameof(classes));
        }
        var classCount = classes.Count;
        var perChunk = ClassesPerChunk(classCount, featureCount, options.WeightBudgetBytes);
        var scores = testRows.Select(_ => new float[classCount]).ToArray();
        var chunkLabels = new int[labels.Length];
        var done = 0;
        for (var first = 0; first < classCount; first += perChunk)
        {
            var count = Math.Min(perChunk, classCount - first);
            var single = count == classCount;
            for (var i = 0; i < labels.Length; i++)
            {
                var local = labels[i] - first;
                chunkLabels[i] = local >= 0 && local < count ? local : count; // count = the "rest" class
            }
            var chunkClasses = single ? count : count + 1;
            var baseDone = done;
            var progress = classesDone is null ? null : new SynchronousProgress<int>(n => classesDone.Report((baseDone + Math.Min(n, count), classCount)));
            var model = Train(learner, trainRows, chunkLabels, rowWeights, chunkClasses, featureCount, options, progress);
            Parallel.For(0, testRows.Count, () => new float[chunkClasses], (t, _, buffer) =>
            {
                model.Score(testRows[t], buffer);
                buffer.AsSpan(0, count).CopyTo(scores[t].AsSpan(first, count));
                return buffer;
            }, _ => { });
            done += count;
            classesDone?.Report((done, classCount));
        }
        return [.. scores.Select(s => Top(s, classes, depth))];
    }

    /// <summary>How many classes (plus the rest class) fit the weight budget at once.</summary>
    public static int ClassesPerChunk(int classCount, int featureCount, long weightBudgetBytes)
    {
        var fitting = weightBudgetBytes / sizeof(float) / Math.Max(featureCount, 1) - 1;
        return (int)Math.Clamp(fitting, 1, classCount);
    }

    private static LinearModel Train(FlatLearner learner, IReadOnlyList<SparseVector> rows, int[] labels, float[] weights,
        int classCount, int featureCount, FlatModelOptions options, IProgress<int>? classesDone) => learner switch
        {
            FlatLearner.LinearSvc => LinearSvcTrainer.Train(rows, labels, classCount, featureCount, options.Svm, weights, classesDone: classesDone).Model,
            FlatLearner.MultinomialNaiveBayes => MultinomialNaiveBayesTrainer.Train(rows, labels, classCount, featureCount, options.NaiveBayesAlpha),
            FlatLearner.LogisticRegression => LogisticRegressionTrainer.Train(rows, labels, classCount, featureCount, options.LogisticC, options.LogisticMaxIterations),
            _ => throw new ArgumentOutOfRangeException(nameof(learner), learner, "Unknown flat learner."),
        };

    private static CodeRecommendation[] Top(float[] scores, IReadOnlyList<HsCode> classes, int depth)
    {
        var probabilities = new float[scores.Length];
        SoftmaxCalibration.Identity.Probabilities(scores, probabilities);
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        // Ties broken by class id keep the ranking deterministic whatever the sort does.
        Array.Sort(order, (a, b) => scores[b] != scores[a] ? scores[b].CompareTo(scores[a]) : a.CompareTo(b));
        return [.. order.Take(depth).Select(c => new CodeRecommendation(classes[c], probabilities[c]))];
    }
}
