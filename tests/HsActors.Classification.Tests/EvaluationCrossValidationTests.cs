using System.Text.Json;
using HsActors.Nomenclature;

namespace HsActors.Classification.Tests;

/// <summary>Grouped cross-validation with the flat baselines, end to end through <c>hs evaluate</c>, on two small chapters.</summary>
public sealed class EvaluationCrossValidationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "hs-cv-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Compare_scores_hierarchy_and_flat_models_on_the_same_exported_folds()
    {
        var report = Path.Combine(_root, "report");
        var folds = Path.Combine(_root, "folds");

        var (exit, stdout, stderr) = await Hs.RunAsync("evaluate", "--cv", "3", "--compare", "--compare-folds", "2", "--limit-chapters", "01,02",
            "--report", report, "--export-folds", folds);

        Assert.True(exit == 0, stderr);
        string[] names = ["HsActors hierarchy (LinearSVC)", "HsActors hierarchy (LinearSVC), folds 1–2", "flat LinearSVC", "flat Multinomial NB", "flat logistic regression",
            "HsActors router alone (LinearSVC + NB, chapters)", "ML.NET SdcaMaximumEntropy (FeaturizeText, flat, 2 digits)", "ML.NET LbfgsMaximumEntropy (FeaturizeText, flat, 2 digits)"];
        Assert.All(names, name => Assert.Contains(name, stdout));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(report, "report.json")));
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToArray();
        Assert.Equal(names, models.Select(m => m.GetProperty("model").GetString()));
        var cases = models[0].GetProperty("cases").GetInt32();
        Assert.Equal(3, models[0].GetProperty("folds").GetArrayLength());
        // The flat models and the like-for-like hierarchy row cover exactly the first two folds' test rows.
        var firstTwo = models[0].GetProperty("folds").EnumerateArray().Take(2).Sum(f => f.GetProperty("testRows").GetInt32());
        Assert.All(models.Skip(1), m =>
        {
            Assert.Equal(2, m.GetProperty("folds").GetArrayLength());
            Assert.Equal(firstTwo, m.GetProperty("cases").GetInt32());
        });
        Assert.Contains("RESTRICTION", await File.ReadAllTextAsync(Path.Combine(report, "report.md")));

        var testTexts = new List<HashSet<string>>();
        var testRows = 0;
        for (var fold = 1; fold <= 3; fold++)
        {
            var directory = Path.Combine(folds, $"fold-{fold}");
            var train = ReadTsv(Path.Combine(directory, "train.tsv"));
            var test = ReadTsv(Path.Combine(directory, "test.tsv"));
            var predictions = await File.ReadAllLinesAsync(Path.Combine(directory, "pred-hsactors.tsv"));
            Assert.NotEmpty(train);
            Assert.Equal(test.Length, predictions.Length);
            Assert.All(predictions, p =>
            {
                var codes = p.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.InRange(codes.Length, 1, 10);
                Assert.All(codes, c => Assert.Matches("^[0-9]{6}([0-9]{2})?$", c));
            });
            // Training rows: the nomenclature plus the other fold; none of this fold's test descriptions.
            Assert.Empty(test.Select(t => t[1]).Where(t => t.Length > 0).Intersect(train.Select(t => t[1])));
            testTexts.Add([.. test.Select(t => t[1])]);
            testRows += test.Length;
        }
        Assert.Equal(cases, testRows);
        // Grouped: duplicates never straddle folds.
        Assert.Empty(testTexts[0].Intersect(testTexts[1]));
        Assert.Empty(testTexts[0].Intersect(testTexts[2]));
        Assert.Empty(testTexts[1].Intersect(testTexts[2]));
    }

    [Fact]
    public async Task Max_folds_runs_only_the_first_folds_of_the_same_split()
    {
        var report = Path.Combine(_root, "report-first");
        var folds = Path.Combine(_root, "folds-first");

        var (exit, _, stderr) = await Hs.RunAsync("evaluate", "--cv", "3", "--max-folds", "1", "--limit-chapters", "01,02",
            "--report", report, "--export-folds", folds);

        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(report, "report.json")));
        var hierarchy = json.RootElement.GetProperty("models")[0];
        var onlyFold = Assert.Single(hierarchy.GetProperty("folds").EnumerateArray());
        Assert.Equal(onlyFold.GetProperty("testRows").GetInt32(), hierarchy.GetProperty("cases").GetInt32());
        Assert.True(Directory.Exists(Path.Combine(folds, "fold-1")));
        Assert.False(Directory.Exists(Path.Combine(folds, "fold-2")));
        Assert.Contains("only the first 1 run", await File.ReadAllTextAsync(Path.Combine(report, "report.md")));
    }

    [Fact]
    public async Task Fold_runs_one_fold_of_the_same_split_with_the_flat_models_on_it()
    {
        var all = Path.Combine(_root, "folds-all");
        var one = Path.Combine(_root, "folds-one");
        var report = Path.Combine(_root, "report-one");
        var (allExit, _, allErrors) = await Hs.RunAsync("evaluate", "--cv", "3", "--limit-chapters", "01,02", "--export-folds", all);
        Assert.True(allExit == 0, allErrors);

        var (exit, _, stderr) = await Hs.RunAsync("evaluate", "--cv", "3", "--fold", "2", "--compare", "--mlnet", "none", "--limit-chapters", "01,02",
            "--report", report, "--export-folds", one);

        Assert.True(exit == 0, stderr);
        Assert.False(Directory.Exists(Path.Combine(one, "fold-1")));
        Assert.False(Directory.Exists(Path.Combine(one, "fold-3")));
        foreach (var file in new[] { "train.tsv", "test.tsv", "pred-hsactors.tsv" })
        {
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(all, "fold-2", file)), await File.ReadAllTextAsync(Path.Combine(one, "fold-2", file)));
        }
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(report, "report.json")));
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToArray();
        Assert.Equal(["HsActors hierarchy (LinearSVC)", "flat LinearSVC", "flat Multinomial NB", "flat logistic regression"], models.Select(m => m.GetProperty("model").GetString()));
        var testRows = File.ReadAllLines(Path.Combine(one, "fold-2", "test.tsv")).Length;
        Assert.All(models, m =>
        {
            Assert.Equal(testRows, m.GetProperty("cases").GetInt32());
            Assert.Single(m.GetProperty("folds").EnumerateArray());
        });
        Assert.Contains("only fold 2 run", await File.ReadAllTextAsync(Path.Combine(report, "report.md")));
    }

    private static string[][] ReadTsv(string path)
    {
        var rows = File.ReadAllLines(path).Select(l => l.Split('\t')).ToArray();
        Assert.All(rows, r =>
        {
            Assert.Equal(3, r.Length);
            Assert.True(HsCode.TryParse(r[0], out _), $"'{r[0]}' is not a code");
            Assert.NotEqual("", r[2]);
        });
        return rows;
    }
}
