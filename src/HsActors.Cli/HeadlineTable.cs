using HsActors.Classification.Evaluation;
using Spectre.Console;
using static HsActors.Classification.Evaluation.EvaluationReportWriter;

namespace HsActors.Cli;

/// <summary>The console form of the report's headline: one row per model at its finest scored level.</summary>
public static class HeadlineTable
{
    public static Table Create(EvaluationReport report)
    {
        var table = new Table().Title(Markup.Escape(report.Title));
        foreach (var column in new[] { "model", "level", "support", "top-1 @2", "top-1", "top-3", "top-5", "macro F1", "weighted F1", "ECE", "folds top-1", "training", "ranking", "per line" })
        {
            table.AddColumn(column == "model" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        }
        foreach (var h in report.Headline())
        {
            table.AddRow(
                Markup.Escape(h.Model), $"{h.Level}", $"{h.Support:N0}", Pct(h.ChapterTop1), Pct(h.Top1), Pct(h.Top3), Pct(h.Top5),
                Num(h.MacroF1), Num(h.WeightedF1), Num(h.ExpectedCalibrationError),
                FoldSpread(h.FoldTop1Mean, h.FoldTop1StandardDeviation),
                Duration(h.TrainingTime), Duration(h.RankingTime), PerLine(h.RankingPerLine));
        }
        return table;
    }
}
