namespace HsActors.Classification.Training;

/// <summary>
/// Scores of rows a model did not see, with the index of the true class: what a temperature is fitted on. Rows are
/// marked as descriptions of goods or as the nomenclature's own labels: the model will be asked about goods, and it is
/// far surer (and more often right) on the tariff's wording than on a declarant's, so a temperature fitted on labels
/// makes every probability on real declarations over-confident.
/// </summary>
public sealed class HeldOutScores
{
    /// <summary>Fewer held-out descriptions of goods than this fit the temperature on every held-out row instead.</summary>
    public const int MinimumGoodsRows = 100;

    private readonly List<float[]> _scores = [];
    private readonly List<int> _labels = [];
    private readonly List<bool> _goods = [];
    private readonly Lock _gate = new();

    public int Count => _labels.Count;

    public void Add(float[] scores, int label, bool describesGoods)
    {
        lock (_gate)
        {
            _scores.Add(scores);
            _labels.Add(label);
            _goods.Add(describesGoods);
        }
    }

    public double FitTemperature()
    {
        var rows = Enumerable.Range(0, _labels.Count).ToArray();
        var goods = rows.Where(i => _goods[i]).ToArray();
        var used = goods.Length >= MinimumGoodsRows ? goods : rows;
        return used.Length == 0 ? 1.0 : Learning.SoftmaxCalibration.Fit([.. used.Select(i => _scores[i])], [.. used.Select(i => _labels[i])]).Temperature;
    }
}
