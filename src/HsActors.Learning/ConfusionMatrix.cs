namespace HsActors.Learning;

/// <summary>
/// Counts of (true, predicted) label pairs. Stored sparsely because with thousands of HS codes a dense K×K table
/// would be mostly zeros; dense views are available for small label sets.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly Dictionary<(int True, int Predicted), int> _cells = [];
    private readonly Dictionary<int, int> _rowTotals = [];

    public ConfusionMatrix(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        ClassificationMetrics.CheckPairs(truth, predicted);
        var labels = new SortedSet<int>();
        for (var i = 0; i < truth.Count; i++)
        {
            var key = (truth[i], predicted[i]);
            _cells[key] = _cells.GetValueOrDefault(key) + 1;
            _rowTotals[truth[i]] = _rowTotals.GetValueOrDefault(truth[i]) + 1;
            labels.Add(truth[i]);
            labels.Add(predicted[i]);
        }
        Labels = [.. labels];
        Total = truth.Count;
    }

    /// <summary>Union of true and predicted labels, ascending (the row and column order of the dense views).</summary>
    public IReadOnlyList<int> Labels { get; }

    public int Total { get; }

    public int Count(int trueLabel, int predictedLabel) => _cells.GetValueOrDefault((trueLabel, predictedLabel));

    /// <summary>Number of samples whose true label is <paramref name="trueLabel"/>.</summary>
    public int RowTotal(int trueLabel) => _rowTotals.GetValueOrDefault(trueLabel);

    /// <summary>Share of the samples of <paramref name="trueLabel"/> predicted as <paramref name="predictedLabel"/> (0 for an empty row).</summary>
    public double RowRate(int trueLabel, int predictedLabel)
    {
        var total = RowTotal(trueLabel);
        return total == 0 ? 0 : (double)Count(trueLabel, predictedLabel) / total;
    }

    public int[,] ToDenseCounts() => Dense(Count);

    /// <summary>Rows divided by their totals, like scikit-learn's confusion_matrix(normalize="true") (empty rows stay 0).</summary>
    public double[,] ToRowNormalized() => Dense(RowRate);

    /// <summary>The most frequent confusions, largest first; ties ordered by true then predicted label.</summary>
    public IReadOnlyList<ConfusedPair> TopConfusedPairs(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return _cells.Where(c => c.Key.True != c.Key.Predicted)
            .Select(c => new ConfusedPair(c.Key.True, c.Key.Predicted, c.Value))
            .OrderByDescending(p => p.Count).ThenBy(p => p.TrueLabel).ThenBy(p => p.PredictedLabel)
            .Take(count).ToList();
    }

    private T[,] Dense<T>(Func<int, int, T> cell)
    {
        var dense = new T[Labels.Count, Labels.Count];
        for (var row = 0; row < Labels.Count; row++)
        {
            for (var column = 0; column < Labels.Count; column++)
            {
                dense[row, column] = cell(Labels[row], Labels[column]);
            }
        }
        return dense;
    }
}
