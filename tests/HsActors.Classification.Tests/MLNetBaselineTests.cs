using System.Text.Json;
using HsActors.Classification.Evaluation;
using HsActors.Classification.MLNet;
using HsActors.Text;

namespace HsActors.Classification.Tests;

/// <summary>The ML.NET baselines train and rank on real rows, and hs evaluate reports them beside our router.</summary>
[Collection(ThreeChapterCollection.Name)]
public sealed class MLNetBaselineTests(ThreeChapterCorpus corpus) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hs-mlnet-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [InlineData(MLNetTrainer.SdcaMaximumEntropy)]
    [InlineData(MLNetTrainer.LbfgsMaximumEntropy)]
    public void A_chapter_model_trains_on_three_chapters_and_ranks_them_by_probability(MLNetTrainer trainer)
    {
        var baseline = new MLNetTextBaseline(trainer, level: 2);
        var rows = ChapterRows();

        var ranker = baseline.Train(rows);

        // Goods it never saw, one per chapter: coffee and spices, rubber, footwear.
        string[] chapters = [.. new[] { "roasted coffee beans not decaffeinated", "vulcanised rubber tyres for cars", "leather boots for men" }
            .Select(d => ranker.Rank(CleansingPipeline.Default.Clean(d), 10)[0].Code.Digits)];
        Assert.Equal(ThreeChapterCorpus.Chapters, chapters);
        var ranking = ranker.Rank(CleansingPipeline.Default.Clean("ground pepper"), 10);
        Assert.Equal(3, ranking.Count); // only the three chapters it was trained on
        Assert.Equal(ThreeChapterCorpus.Chapters.Order(), ranking.Select(r => r.Code.Digits).Order());
        Assert.Equal(1.0, ranking.Sum(r => r.Probability), 3);
        Assert.True(ranking.Zip(ranking.Skip(1)).All(p => p.First.Probability >= p.Second.Probability), "ranked best first");
        var correct = rows.Count(r => ranker.Rank(r.Text, 1)[0].Code == r.Code);
        Assert.True(correct > 0.9 * rows.Count, $"{baseline.Name} fits {correct} of {rows.Count} training rows");
    }

    [Fact]
    public void Rows_of_another_level_or_of_one_code_are_refused()
    {
        var baseline = new MLNetTextBaseline(MLNetTrainer.SdcaMaximumEntropy, level: 4);

        var wrongLevel = Assert.Throws<ArgumentException>(() => baseline.Train(ChapterRows()));
        var oneCode = Assert.Throws<ArgumentException>(() => baseline.Train([.. ChapterRows().Where(r => r.Code.Digits == "09").Take(5)]));

        Assert.Contains("4-digit", wrongLevel.Message);
        Assert.Contains("at least 2 codes", oneCode.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MLNetTextBaseline(MLNetTrainer.SdcaMaximumEntropy, level: 3));
    }

    [Fact]
    public async Task Evaluate_reports_the_mlnet_baselines_beside_the_router_on_the_same_test_rows()
    {
        var report = Path.Combine(_root, "report");

        var (exit, stdout, stderr) = await Hs.RunAsync("evaluate", "--cv", "3", "--max-folds", "1", "--mlnet", "sdca:2,lbfgs:4",
            "--limit-chapters", string.Join(',', ThreeChapterCorpus.Chapters), "--report", report);

        Assert.True(exit == 0, stderr);
        string[] names = [CrossValidator.HierarchyName, CrossValidator.RouterName,
            "ML.NET SdcaMaximumEntropy (FeaturizeText, flat, 2 digits)", "ML.NET LbfgsMaximumEntropy (FeaturizeText, flat, 4 digits)"];
        Assert.All(names, name => Assert.Contains(name, stdout));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(report, "report.json")));
        var headline = json.RootElement.GetProperty("headline").EnumerateArray().ToArray();
        Assert.Equal(names, headline.Select(h => h.GetProperty("model").GetString()));
        // Each is scored at its own level, on the hierarchy's test rows; ML.NET and the router rank one line at a time.
        Assert.Equal([6, 2, 2, 4], headline.Select(h => h.GetProperty("level").GetInt32()));
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToArray();
        Assert.All(models, m => Assert.Equal(models[0].GetProperty("cases").GetInt32(), m.GetProperty("cases").GetInt32()));
        // Far above chance (1 in 3 chapters, 1 in dozens of headings): the models learned the rows they were given.
        Assert.All(headline.Skip(1), h => Assert.InRange(h.GetProperty("top1").GetDouble(), h.GetProperty("level").GetInt32() == 2 ? 0.6 : 0.3, 1.0));
        Assert.All(headline.Skip(2), h => Assert.True(h.GetProperty("trainingTime").GetString() != "00:00:00", "ML.NET training is timed"));
        var markdown = await File.ReadAllTextAsync(Path.Combine(report, "report.md"));
        Assert.Contains("per line", markdown);
        Assert.Contains("ML.NET 6.0 pipelines", markdown);
    }

    /// <summary>The corpus rows with their cleansed text, labelled with their chapter.</summary>
    private List<TextTrainingRow> ChapterRows() =>
        [.. corpus.Rows.Select(r => new TextTrainingRow(CleansingPipeline.Default.Clean(r.Description), r.Code.Chapter, 1f)).Where(r => r.Text.Length > 0)];
}
