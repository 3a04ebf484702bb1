namespace HsActors.Learning;

/// <summary>
/// L2-regularised L2-loss (squared hinge) linear SVC, solved in the dual by coordinate descent exactly as LIBLINEAR
/// -s 1 does, one-vs-rest for more than two classes (classes trained in parallel). With two classes a single binary
/// problem (class 0 positive) is solved and class 1 scores are its negation, as in LIBLINEAR.
/// </summary>
public static class LinearSvcTrainer
{
    public static LinearSvcResult Train(IReadOnlyList<SparseVector> rows, int[] labels, int classCount, int featureCount,
        LinearSvcOptions options, float[]? rowWeights = null, LinearSvcWarmStart? warmStart = null,
        IProgress<int>? classesDone = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var training = TrainingRows.Create(rows, featureCount, Math.Max(options.Bias, 0.0));
        var counts = TrainingLabels.CountPerClass(labels, training.RowCount, classCount);
        ValidateRowWeights(rowWeights, training.RowCount);
        ValidateWarmStart(warmStart, classCount, training.RowCount);
        var classWeights = ClassWeights(counts, options.BalancedClassWeights);

        var builder = new LinearModelBuilder(classCount, featureCount);
        var duals = new float[classCount][];
        var objectives = new double[classCount];
        var iterations = new int[classCount];

        if (classCount == 2)
        {
            var solver = new SquaredHingeDualSolver(training);
            var (objective, passes) = solver.Solve(labels, 0, options.C * classWeights[0], options.C * classWeights[1],
                rowWeights, warmStart?.DualPerClass[0], options.Tolerance, options.MaxIterations, ShuffleRandom.ForClass(options.Seed, 0));
            builder.SetClass(0, solver.Weights, training.Bias);
            builder.SetClass(1, solver.Weights, training.Bias, sign: -1.0);
            duals[0] = ToFloats(solver.Alpha);
            duals[1] = (float[])duals[0].Clone();
            objectives[0] = objectives[1] = objective;
            iterations[0] = iterations[1] = passes;
            classesDone?.Report(2);
        }
        else
        {
            OneVsRest.Run(classCount, options.MaxDegreeOfParallelism, () => new SquaredHingeDualSolver(training), (c, solver) =>
            {
                var (objective, passes) = solver.Solve(labels, c, options.C * classWeights[c], options.C, rowWeights,
                    warmStart?.DualPerClass[c], options.Tolerance, options.MaxIterations, ShuffleRandom.ForClass(options.Seed, c));
                builder.SetClass(c, solver.Weights, training.Bias);
                duals[c] = ToFloats(solver.Alpha);
                objectives[c] = objective;
                iterations[c] = passes;
            }, classesDone);
        }
        return new LinearSvcResult(builder.Build(), duals, objectives, iterations);
    }

    /// <summary>sklearn's "balanced" weights n / (k × count_c); a class without rows keeps weight 1 (it has no positive rows to weigh).</summary>
    private static double[] ClassWeights(int[] counts, bool balanced)
    {
        var total = counts.Sum(c => (long)c);
        return counts.Select(count => balanced && count > 0 ? (double)total / ((double)counts.Length * count) : 1.0).ToArray();
    }

    private static float[] ToFloats(ReadOnlySpan<double> values)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = (float)values[i];
        }
        return result;
    }

    private static void Validate(LinearSvcOptions options)
    {
        if (!(options.C > 0) || !double.IsFinite(options.C))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.C, "LinearSvcOptions.C must be a positive finite number.");
        }
        if (!(options.Tolerance > 0) || !double.IsFinite(options.Tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Tolerance, "LinearSvcOptions.Tolerance must be a positive finite number.");
        }
        if (options.MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxIterations, "LinearSvcOptions.MaxIterations must be at least 1.");
        }
        if (options.MaxDegreeOfParallelism < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDegreeOfParallelism, "LinearSvcOptions.MaxDegreeOfParallelism must be 0 (all cores) or positive.");
        }
        if (double.IsNaN(options.Bias) || double.IsInfinity(options.Bias))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Bias, "LinearSvcOptions.Bias must be finite (<= 0 disables the bias).");
        }
    }

    private static void ValidateRowWeights(float[]? rowWeights, int rowCount)
    {
        if (rowWeights is null)
        {
            return;
        }
        if (rowWeights.Length != rowCount)
        {
            throw new ArgumentException($"There are {rowCount} rows but {rowWeights.Length} row weights.", nameof(rowWeights));
        }
        for (var i = 0; i < rowWeights.Length; i++)
        {
            if (!(rowWeights[i] > 0) || !float.IsFinite(rowWeights[i]))
            {
                throw new ArgumentException($"Row weight {rowWeights[i]} of row {i} must be a positive finite number.", nameof(rowWeights));
            }
        }
    }

    private static void ValidateWarmStart(LinearSvcWarmStart? warmStart, int classCount, int rowCount)
    {
        if (warmStart is null)
        {
            return;
        }
        if (warmStart.DualPerClass is null || warmStart.DualPerClass.Length != classCount)
        {
            throw new ArgumentException(
                $"The warm start holds {warmStart.DualPerClass?.Length ?? 0} classes but {classCount} are being trained; the class set must not change.",
                nameof(warmStart));
        }
        for (var c = 0; c < classCount; c++)
        {
            var alphas = warmStart.DualPerClass[c];
            if (alphas is null || alphas.Length > rowCount)
            {
                throw new ArgumentException(
                    $"The warm start of class {c} has {alphas?.Length.ToString() ?? "no"} rows; it must have at most the {rowCount} rows being trained (previous rows first).",
                    nameof(warmStart));
            }
            for (var i = 0; i < alphas.Length; i++)
            {
                if (!(alphas[i] >= 0) || !float.IsFinite(alphas[i]))
                {
                    throw new ArgumentException($"The warm start of class {c} has an invalid dual value {alphas[i]} at row {i}; duals are finite and >= 0.", nameof(warmStart));
                }
            }
        }
    }
}
