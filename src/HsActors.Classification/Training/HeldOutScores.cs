namespace HsActors.Classification.Training;

/// <summary>Scores of rows a model did not see, with the index of the true class: what a temperature is fitted on.</summary>
public sealed class HeldOutScores
{
    private readonly List<float[]> _scores = [];
    private readonly List<int> _labels = [];
    private readonly Lock _gate = new();

    public int Count => _labels.Count;

    public void Add(float[] scores, int label)
    {
        lock (_gate)
        {
            _scores.Add(scores);
            _labels.Add(label);
        }
    }

    public double FitTemperature() =>
        _labels.Count == 0 ? 1.0 : Learning.SoftmaxCalibration.Fit(_scores, [.. _labels]).Temperature;
}
