namespace HsActors.Classification.Evaluation;

/// <summary>
/// Everything an evaluation run found, in the order a reader wants it. The first model is the primary one: its
/// per-chapter table, reliability table and confusion picture are the detailed sections of the report.
/// </summary>
public sealed record EvaluationReport(
    string Title,
    IReadOnlyList<KeyValuePair<string, string>> Setup,
    IReadOnlyList<ModelEvaluation> Models,
    IReadOnlyList<string> Notes,
    DateTimeOffset CreatedAt)
{
    public ModelEvaluation Primary => Models.Count > 0 ? Models[0] : throw new InvalidOperationException("The report has no model.");

    /// <summary>One line per model at its finest scored level: the comparison the console and report.md lead with.</summary>
    public IEnumerable<HeadlineRow> Headline() => Models.Select(m =>
    {
        var finest = m.Scores.Finest;
        var (mean, sd) = m.FoldTop1;
        return new HeadlineRow(m.Model, finest.Level, finest.Support, m.Scores.At(2)?.Top1 ?? double.NaN, finest.Top1, finest.Top3, finest.Top5,
            finest.Top1Report.MacroF1, finest.Top1Report.WeightedF1, m.Scores.Calibration.ExpectedCalibrationError, mean, sd, m.TrainingTime, m.RankingTime, m.RankingPerLine);
    });
}
