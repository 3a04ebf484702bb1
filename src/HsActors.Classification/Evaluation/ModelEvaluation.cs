namespace HsActors.Classification.Evaluation;

/// <summary>One model's scores over all test cases (pooled across folds), its per-fold headline and its cost.</summary>
public sealed record ModelEvaluation(
    string Model,
    EvaluationScores Scores,
    IReadOnlyList<FoldScore> Folds,
    TimeSpan TrainingTime,
    TimeSpan RankingTime)
{
    /// <summary>Ranking time per test row: a one-line latency for the models ranked one row at a time, a throughput figure for those ranked in parallel.</summary>
    public TimeSpan RankingPerLine => Scores.Cases == 0 ? TimeSpan.Zero : RankingTime / Scores.Cases;

    /// <summary>
    /// Mean and (sample) standard deviation of the per-fold top-1: the paper's "mean accuracy across folds"; the
    /// deviation is NaN for a single fold, where it means nothing.
    /// </summary>
    public (double Mean, double StandardDeviation) FoldTop1
    {
        get
        {
            if (Folds.Count == 0)
            {
                return (double.NaN, double.NaN);
            }
            var mean = Folds.Average(f => f.Top1);
            var sd = Folds.Count < 2 ? double.NaN : Math.Sqrt(Folds.Sum(f => (f.Top1 - mean) * (f.Top1 - mean)) / (Folds.Count - 1));
            return (mean, sd);
        }
    }
}
