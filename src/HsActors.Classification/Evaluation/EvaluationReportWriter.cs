using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HsActors.Classification.Evaluation;

/// <summary>
/// Writes an evaluation to a directory: <c>report.md</c> (every table), <c>report.json</c> (every figure) and
/// <c>confusion-chapters.svg</c> (the primary model's chapter confusion as a heat map).
/// </summary>
public static class EvaluationReportWriter
{
    public const string MarkdownFile = "report.md";
    public const string JsonFile = "report.json";
    public const string ConfusionFile = "confusion-chapters.svg";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(EvaluationReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ConfusionFile),
            ConfusionHeatMap.Render(report.Primary.Scores.ChapterConfusion, $"Chapter confusion: {report.Primary.Model}"));
        File.WriteAllText(Path.Combine(directory, JsonFile), ToJson(report));
        File.WriteAllText(Path.Combine(directory, MarkdownFile), ToMarkdown(report));
    }

    public static string ToJson(EvaluationReport report) => JsonSerializer.Serialize(new
    {
        report.Title,
        report.CreatedAt,
        Setup = report.Setup.ToDictionary(p => p.Key, p => p.Value),
        Headline = report.Headline(),
        Models = report.Models.Select(m => new
        {
            m.Model,
            TrainingSeconds = m.TrainingTime.TotalSeconds,
            RankingSeconds = m.RankingTime.TotalSeconds,
            FoldTop1Mean = m.FoldTop1.Mean,
            FoldTop1StandardDeviation = m.FoldTop1.StandardDeviation,
            m.Folds,
            m.Scores.Cases,
            m.Scores.Levels,
            m.Scores.Chapters,
            m.Scores.Calibration,
            m.Scores.ChapterConfusion,
        }),
        report.Notes,
    }, Json);

    public static string ToMarkdown(EvaluationReport report)
    {
        var md = new StringBuilder();
        md.AppendLine($"# {report.Title}").AppendLine();
        md.AppendLine(F($"Created {report.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC.")).AppendLine();
        md.AppendLine("## Setup").AppendLine();
        Table(md, ["setting", "value"], report.Setup.Select(p => new[] { p.Key, p.Value }));

        md.AppendLine("## Headline").AppendLine();
        md.AppendLine("Top-k at a level counts the first k *distinct* prefixes of that length in the ranked list. Figures are pooled over all test rows; \"folds\" is the mean ± standard deviation of the per-fold top-1.").AppendLine();
        Table(md, ["model", "level", "support", "top-1 @2", "top-1", "top-3", "top-5", "macro F1", "weighted F1", "ECE", "folds top-1", "training", "ranking", "per line"],
            report.Headline().Select(h => new[]
            {
                h.Model, F($"{h.Level}"), F($"{h.Support}"), Pct(h.ChapterTop1), Pct(h.Top1), Pct(h.Top3), Pct(h.Top5),
                Num(h.MacroF1), Num(h.WeightedF1), Num(h.ExpectedCalibrationError),
                FoldSpread(h.FoldTop1Mean, h.FoldTop1StandardDeviation),
                Duration(h.TrainingTime), Duration(h.RankingTime), PerLine(h.RankingPerLine),
            }));

        md.AppendLine("## Scores per level").AppendLine();
        md.AppendLine("Accuracy, precision, recall and F1 are of the first recommendation (the paper's metrics); macro averages weigh every code equally, weighted averages by support.").AppendLine();
        foreach (var model in report.Models)
        {
            md.AppendLine($"### {model.Model}").AppendLine();
            Table(md, ["level", "support", "top-1", "top-3", "top-5", "accuracy", "macro P", "macro R", "macro F1", "weighted P", "weighted R", "weighted F1"],
                model.Scores.Levels.Select(l => new[]
                {
                    F($"{l.Level}"), F($"{l.Support}"), Pct(l.Top1), Pct(l.Top3), Pct(l.Top5), Num(l.Top1Report.Accuracy),
                    Num(l.Top1Report.MacroPrecision), Num(l.Top1Report.MacroRecall), Num(l.Top1Report.MacroF1),
                    Num(l.Top1Report.WeightedPrecision), Num(l.Top1Report.WeightedRecall), Num(l.Top1Report.WeightedF1),
                }));
            if (model.Folds.Count > 0)
            {
                Table(md, ["fold", "training rows", "test rows", "level", "top-1", "top-5"], model.Folds.Select(f => new[]
                {
                    F($"{f.Fold}"), F($"{f.TrainingRows}"), F($"{f.TestRows}"), F($"{f.Level}"), Pct(f.Top1), Pct(f.Top5),
                }));
            }
        }

        var primary = report.Primary;
        md.AppendLine($"## Per chapter ({primary.Model})").AppendLine();
        Table(md, ["chapter", "support", "top-1 @2", "support @6", "top-1 @6"], primary.Scores.Chapters.Select(c => new[]
        {
            c.Chapter, F($"{c.Support}"), Pct(c.Top1Chapter), F($"{c.SubheadingSupport}"), c.Top1Subheading is { } s ? Pct(s) : "–",
        }));

        md.AppendLine($"## Calibration ({primary.Model})").AppendLine();
        md.AppendLine("Confidence is the ranked probability on the first recommendation's prefix at the truth's level; ECE is the support-weighted gap between confidence and accuracy over equal-width bins.").AppendLine();
        md.AppendLine(F($"Expected calibration error: **{primary.Scores.Calibration.ExpectedCalibrationError:0.0000}**.")).AppendLine();
        Table(md, ["confidence", "cases", "mean confidence", "accuracy", "gap"], primary.Scores.Calibration.Bins.Select(b => new[]
        {
            F($"{b.Lower:0.00}–{b.Upper:0.00}"), F($"{b.Count}"), Num(b.MeanConfidence), Num(b.Accuracy), Num(b.Accuracy - b.MeanConfidence),
        }));
        if (report.Models.Count > 1)
        {
            Table(md, ["model", "ECE"], report.Models.Select(m => new[] { m.Model, Num(m.Scores.Calibration.ExpectedCalibrationError) }));
        }

        md.AppendLine($"## Chapter confusion ({primary.Model})").AppendLine();
        md.AppendLine($"![chapter confusion heat map]({ConfusionFile})").AppendLine();
        Table(md, ["true chapter", "predicted chapter", "cases", "share of true chapter"], TopConfusions(primary.Scores.ChapterConfusion, 15));

        if (report.Notes.Count > 0)
        {
            md.AppendLine("## Notes").AppendLine();
            foreach (var note in report.Notes)
            {
                md.AppendLine($"- {note}");
            }
            md.AppendLine();
        }
        return md.ToString();
    }

    private static IEnumerable<string[]> TopConfusions(ChapterConfusion confusion, int count) =>
        Enumerable.Range(0, confusion.Labels.Count)
            .SelectMany(r => Enumerable.Range(0, confusion.Labels.Count).Where(c => c != r && confusion.Counts[r][c] > 0)
                .Select(c => (Row: r, Column: c, Count: confusion.Counts[r][c])))
            .OrderByDescending(x => x.Count).ThenBy(x => x.Row).ThenBy(x => x.Column)
            .Take(count)
            .Select(x => new[] { confusion.Labels[x.Row], confusion.Labels[x.Column], F($"{x.Count}"), Pct((double)x.Count / confusion.RowTotal(x.Row)) });

    private static void Table(StringBuilder md, string[] header, IEnumerable<string[]> rows)
    {
        md.Append("| ").AppendJoin(" | ", header.Select(Cell)).AppendLine(" |");
        md.Append('|').AppendJoin('|', header.Select(_ => "---")).AppendLine("|");
        foreach (var row in rows)
        {
            md.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
        }
        md.AppendLine();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');

    /// <summary>"40.5% ± 2.2%", just the mean for a single fold, "–" without folds.</summary>
    public static string FoldSpread(double mean, double standardDeviation) =>
        double.IsNaN(mean) ? "–" : double.IsNaN(standardDeviation) ? Pct(mean) : $"{Pct(mean)} ± {Pct(standardDeviation)}";

    public static string Pct(double value) => double.IsNaN(value) ? "–" : F($"{value * 100:0.0}%");

    public static string Num(double value) => double.IsNaN(value) ? "–" : F($"{value:0.000}");

    public static string Duration(TimeSpan time) =>
        time == TimeSpan.Zero ? "–"
        : time.TotalSeconds < 1 ? F($"{time.TotalMilliseconds:0} ms")
        : time.TotalSeconds < 60 ? F($"{time.TotalSeconds:0.0} s")
        : F($"{time.TotalMinutes:0.0} min");

    /// <summary>A per-line time: microseconds below a millisecond, where the models' latencies lie.</summary>
    public static string PerLine(TimeSpan time) =>
        time == TimeSpan.Zero ? "–"
        : time.TotalMilliseconds < 1 ? F($"{time.TotalMicroseconds:0} µs")
        : F($"{time.TotalMilliseconds:0.00} ms");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
