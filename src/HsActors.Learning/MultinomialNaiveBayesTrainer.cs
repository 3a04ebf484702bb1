namespace HsActors.Learning;

/// <summary>
/// Multinomial naive Bayes as sklearn's MultinomialNB (fit_prior = true) computes it, also on fractional TF-IDF
/// features, expressed as a <see cref="LinearModel"/>:
/// weight[j, c] = ln((N_cj + α) / (N_c + α·F)) with N_cj = Σ_{rows of c} x_j and N_c = Σ_j N_cj;
/// bias_c = ln(rows of c / all rows). Scores are then joint log-likelihoods up to a per-row constant.
/// <see cref="TrainSparse"/> gives the same scores from a model stored without its dense matrix.
/// </summary>
public static class MultinomialNaiveBayesTrainer
{
    /// <summary>
    /// Log prior given to a class without training rows: sklearn would give ln 0 = −∞, which turns score differences
    /// into NaN downstream. This finite stand-in still ranks such a class last.
    /// </summary>
    public const float AbsentClassLogPrior = -1.0e9f;

    public static LinearModel Train(IReadOnlyList<SparseVector> rows, int[] labels, int classCount, int featureCount, double alpha = 1.0)
    {
        var counts = Count(rows, labels, classCount, featureCount, alpha, weights: null);
        var builder = new LinearModelBuilder(classCount, featureCount);
        for (var feature = 0; feature < featureCount; feature++)
        {
            for (var c = 0; c < classCount; c++)
            {
                builder.SetWeight(feature, c, (float)(Math.Log(counts.FeatureSums[feature * classCount + c] + alpha) - counts.LogDenominators[c]));
            }
        }
        var priors = counts.LogPriors();
        for (var c = 0; c < classCount; c++)
        {
            builder.SetBias(c, priors[c]);
        }
        return builder.Build();
    }

    /// <summary>
    /// The same model in the sparse form of <see cref="MultinomialNaiveBayesModel"/>: equal scores, stored small. A row of
    /// weight w counts as w copies of itself (sklearn's sample_weight), so officers' weighted assessments weigh here too.
    /// </summary>
    public static MultinomialNaiveBayesModel TrainSparse(IReadOnlyList<SparseVector> rows, int[] labels, int classCount, int featureCount, double alpha = 1.0,
        IReadOnlyList<float>? weights = null)
    {
        var counts = Count(rows, labels, classCount, featureCount, alpha, weights);
        var termWeights = new float[counts.FeatureSums.Length];
        for (var i = 0; i < termWeights.Length; i++)
        {
            termWeights[i] = counts.FeatureSums[i] > 0 ? (float)Math.Log(1 + counts.FeatureSums[i] / alpha) : 0f;
        }
        var logAlpha = Math.Log(alpha);
        return MultinomialNaiveBayesModel.FromTermWeights(alpha, classCount, featureCount, termWeights, counts.LogPriors(),
            [.. counts.LogDenominators.Select(d => (float)(logAlpha - d))]);
    }

    private static Counts Count(IReadOnlyList<SparseVector> rows, int[] labels, int classCount, int featureCount, double alpha, IReadOnlyList<float>? weights)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (weights is not null && (weights.Count != rows.Count || weights.Any(w => !(w >= 0) || !float.IsFinite(w))))
        {
            throw new ArgumentException($"Expected {rows.Count} finite non-negative row weights.", nameof(weights));
        }
        if (!(alpha > 0) || !double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The smoothing alpha must be a positive finite number.");
        }
        var training = TrainingRows.Create(rows, featureCount, bias: 0.0);
        _ = TrainingLabels.CountPerClass(labels, training.RowCount, classCount); // validates the labels
        var rowsPerClass = new double[classCount];
        // Feature-major sums, the same layout as the model, so one pass over the rows fills them.
        var featureSums = new double[checked(featureCount * classCount)];
        var classTotals = new double[classCount];
        for (var i = 0; i < training.RowCount; i++)
        {
            var label = labels[i];
            var weight = weights?[i] ?? 1f;
            rowsPerClass[label] += weight;
            var indices = training.Indices(i);
            var values = training.Values(i);
            for (var k = 0; k < indices.Length; k++)
            {
                if (values[k] < 0)
                {
                    throw new ArgumentException(
                        $"Row {i} has the negative value {values[k]} for feature {indices[k]}; multinomial naive Bayes needs non-negative features.",
                        nameof(rows));
                }
                featureSums[indices[k] * classCount + label] += weight * values[k];
                classTotals[label] += weight * values[k];
            }
        }
        return new Counts(featureSums, [.. classTotals.Select(total => Math.Log(total + alpha * featureCount))], rowsPerClass, rowsPerClass.Sum());
    }

    private sealed record Counts(double[] FeatureSums, double[] LogDenominators, double[] RowsPerClass, double RowMass)
    {
        public float[] LogPriors() =>
            [.. RowsPerClass.Select(n => n == 0 ? AbsentClassLogPrior : (float)(Math.Log(n) - Math.Log(RowMass)))];
    }
}
