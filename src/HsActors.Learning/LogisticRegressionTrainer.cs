namespace HsActors.Learning;

/// <summary>
/// L2-regularised logistic regression, one-vs-rest, each class solved in the dual by coordinate descent as
/// LIBLINEAR -s 7 does (tolerance 0.1, bias feature of value 1 regularised like the other weights, <c>-B 1</c>).
/// One-vs-rest keeps memory at O(features + rows) per class in flight and trains classes in parallel; the scores are
/// per-class log-odds, to be turned into a distribution by <see cref="SoftmaxCalibration"/>.
/// </summary>
public static class LogisticRegressionTrainer
{
    private const double Tolerance = 0.1;
    private const double BiasFeatureValue = 1.0;
    private const int Seed = 1;

    public static LinearModel Train(IReadOnlyList<SparseVector> rows, int[] labels, int classCount, int featureCount,
        double c = 1.0, int maxIterations = 100)
    {
        if (!(c > 0) || !double.IsFinite(c))
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, "The regularisation constant C must be a positive finite number.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        var training = TrainingRows.Create(rows, featureCount, BiasFeatureValue);
        TrainingLabels.CountPerClass(labels, training.RowCount, classCount);

        var builder = new LinearModelBuilder(classCount, featureCount);
        OneVsRest.Run(classCount, maxDegreeOfParallelism: 0, () => new LogisticDualSolver(training), (classIndex, solver) =>
        {
            solver.Solve(labels, classIndex, c, Tolerance, maxIterations, ShuffleRandom.ForClass(Seed, classIndex));
            builder.SetClass(classIndex, solver.Weights, training.Bias);
        });
        return builder.Build();
    }
}
