namespace HsActors.Learning;

/// <summary>
/// Multinomial naive Bayes as sklearn's MultinomialNB (fit_prior = true) computes it, also on fractional TF-IDF
/// features, expressed as a <see cref="LinearModel"/>:
/// weight[j, c] = ln((N_cj + α) / (N_c + α·F)) with N_cj = Σ_{rows of c} x_j and N_c = Σ_j N_cj;
/// bias_c = ln(rows of c / all rows). Scores are then joint log-likelihoods up to a per-row constant.
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
        ArgumentNullException.ThrowIfNull(rows);
        if (!(alpha > 0) || !double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "The smoothing alpha must be a positive finite number.");
        }
        var training = TrainingRows.Create(rows, featureCount, bias: 0.0);
        var rowsPerClass = TrainingLabels.CountPerClass(labels, training.RowCount, classCount);

        // Feature-major sums, the same layout as the model, so one pass over the rows fills them.
        var featureSums = new double[checked(featureCount * classCount)];
        var classTotals = new double[classCount];
        for (var i = 0; i < training.RowCount; i++)
        {
            var label = labels[i];
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
                featureSums[indices[k] * classCount + label] += values[k];
                classTotals[label] += values[k];
            }
        }

        var builder = new LinearModelBuilder(classCount, featureCount);
        var logDenominators = classTotals.Select(total => Math.Log(total + alpha * featureCount)).ToArray();
        for (var feature = 0; feature < featureCount; feature++)
        {
            for (var c = 0; c < classCount; c++)
            {
                builder.SetWeight(feature, c, (float)(Math.Log(featureSums[feature * classCount + c] + alpha) - logDenominators[c]));
            }
        }
        for (var c = 0; c < classCount; c++)
        {
            builder.SetBias(c, rowsPerClass[c] == 0
                ? AbsentClassLogPrior
                : (float)(Math.Log(rowsPerClass[c]) - Math.Log(training.RowCount)));
        }
        return builder.Build();
    }
}
