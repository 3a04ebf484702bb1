namespace HsActors.Learning.Tests.Liblinear;

/// <summary>Top-1 prediction and accuracy of a <see cref="LinearModel"/>, shared by the learner tests.</summary>
public static class ModelEvaluation
{
    public static int ArgMax(LinearModel model, SparseVector row)
    {
        Span<float> scores = stackalloc float[model.ClassCount];
        model.Score(row, scores);
        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }
        return best;
    }

    public static int[] Predict(LinearModel model, IReadOnlyList<SparseVector> rows) => rows.Select(row => ArgMax(model, row)).ToArray();

    public static double Accuracy(LinearModel model, SyntheticDataSet data) =>
        Predict(model, data.Rows).Zip(data.Labels).Count(p => p.First == p.Second) / (double)data.Rows.Count;
}
