using System.Text.Json;
using System.Xml.Linq;
using HsActors.Classification.Evaluation;
using HsActors.Classification.Hierarchy;
using HsActors.Nomenclature;

namespace HsActors.Classification.Tests;

public sealed class EvaluationReportTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hs-report-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static RankedCase Case(string truth, params string[] ranking) =>
        new(HsCode.Parse(truth), [.. ranking.Select((c, i) => new CodeRecommendation(HsCode.Parse(c), 0.6f / (i + 1)))]);

    private static EvaluationReport Report()
    {
        var hierarchy = RankingScorer.Score(
        [
            Case("87141090", "87141090", "87141010"),
            Case("871410", "87149100", "87141010"),
            Case("84099100", "87141090", "84099100"),
            Case("01012100", "01012100"),
        ]);
        var flat = RankingScorer.Score([Case("87141090", "84099100"), Case("871410", "871410"), Case("84099100", "84099100"), Case("01012100", "01012900")]);
        return new EvaluationReport(
            "Test | report",
            [new("data", "four hand-made cases")],
            [
                new ModelEvaluation("hierarchy", hierarchy, [new FoldScore(1, 10, 2, 8, 0.5, 1), new FoldScore(2, 10, 2, 8, 1, 1)], TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1)),
                new ModelEvaluation("flat", flat, [], TimeSpan.FromSeconds(2), TimeSpan.Zero),
            ],
            ["a note"],
            DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void Writes_markdown_json_and_svg_with_the_scored_figures()
    {
        var report = Report();

        EvaluationReportWriter.Write(report, _directory);

        var md = File.ReadAllText(Path.Combine(_directory, EvaluationReportWriter.MarkdownFile));
        Assert.StartsWith("# Test | report", md);
        Assert.Contains("| hierarchy | 8 | 3 |", md); // three truths have 8 digits
        Assert.Contains("![chapter confusion heat map](confusion-chapters.svg)", md);
        Assert.Contains("## Per chapter (hierarchy)", md);
        Assert.Contains("- a note", md);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, EvaluationReportWriter.JsonFile)));
        var models = json.RootElement.GetProperty("models");
        Assert.Equal(2, models.GetArrayLength());
        var levels = models[0].GetProperty("levels");
        var at8 = levels.EnumerateArray().Single(l => l.GetProperty("level").GetInt32() == 8);
        Assert.Equal(report.Models[0].Scores.At(8)!.Top1, at8.GetProperty("top1").GetDouble());
        Assert.Equal(report.Models[0].Scores.At(8)!.Top1Report.MacroF1, at8.GetProperty("top1Report").GetProperty("macroF1").GetDouble());
        Assert.Equal(0.75, models[0].GetProperty("foldTop1Mean").GetDouble());
        Assert.Equal(report.Models[0].Scores.Calibration.ExpectedCalibrationError,
            models[0].GetProperty("calibration").GetProperty("expectedCalibrationError").GetDouble());
        Assert.Equal(2, json.RootElement.GetProperty("headline").GetArrayLength());
    }

    [Fact]
    public void Confusion_picture_is_an_svg_heat_map_with_one_cell_per_confusion_and_chapter_labels()
    {
        var report = Report();

        EvaluationReportWriter.Write(report, _directory);

        var svg = XDocument.Load(Path.Combine(_directory, EvaluationReportWriter.ConfusionFile));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        var confusion = report.Primary.Scores.ChapterConfusion;
        var nonZero = confusion.Counts.Sum(row => row.Count(c => c > 0));
        var cells = svg.Descendants(ns + "rect").Where(r => r.Element(ns + "title") is not null).ToArray();
        Assert.Equal(nonZero, cells.Length);
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToHashSet();
        Assert.All(confusion.Labels, label => Assert.Contains(label, texts));
        // Chapter 84's single case went to 87: that cell is the darkest shade, like the perfect diagonal cells.
        Assert.Contains(cells, c => c.Element(ns + "title")!.Value.StartsWith("true 84 → predicted 87: 1 of 1", StringComparison.Ordinal));
    }
}
