using System.Text.Json;
using HsActors.Classification.ModelFiles;
using HsActors.Classification.Training;
using HsActors.Cli;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Classification.Tests;

/// <summary>Runs <c>hs</c> in-process on a model trained once on two small chapters (the hidden quick-trial option).</summary>
public sealed class TinyModelFixture : IDisposable
{
    public const string Chapters = "01,02";

    public TinyModelFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "hs-cli-test-" + Guid.NewGuid().ToString("N"));
        ModelDirectory = Path.Combine(Root, "model");
        Training = Hs.RunAsync("train", "--out", ModelDirectory, "--limit-chapters", Chapters).GetAwaiter().GetResult();
    }

    public string Root { get; }

    public string ModelDirectory { get; }

    public (int Exit, string Out, string Error) Training { get; }

    public string NewPath(string name) => Path.Combine(Root, Guid.NewGuid().ToString("N")[..8] + "-" + name);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

internal static class Hs
{
    public static async Task<(int Exit, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HsCommandLine.RunAsync(args, new CliConsole(output, error, interactive: false));
        return (exit, output.ToString(), error.ToString());
    }
}

public sealed class EvaluationCliTests(TinyModelFixture model) : IClassFixture<TinyModelFixture>
{
    [Fact]
    public void Train_saves_router_and_chapter_models_and_prints_a_summary()
    {
        var (exit, output, error) = model.Training;

        Assert.True(exit == 0, error);
        Assert.Contains("Training summary", output);
        Assert.Contains("Wall time", output);
        Assert.Contains("quick trial: chapters 01,02", error);
        Assert.True(File.Exists(Path.Combine(model.ModelDirectory, "router.hsm")));
        Assert.True(File.Exists(Path.Combine(model.ModelDirectory, "chapters", "01.hsm")));
        Assert.True(File.Exists(Path.Combine(model.ModelDirectory, "chapters", "02.hsm")));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(model.ModelDirectory, "summary.json")));
        var metadata = summary.RootElement.GetProperty("metadata");
        Assert.Equal("hs train", metadata.GetProperty("CreatedBy").GetString());
        Assert.Matches("^[0-9]{14}$", metadata.GetProperty("Version").GetString());
    }

    [Fact]
    public async Task Classify_file_writes_one_json_line_per_input_line_with_errors_for_bad_lines()
    {
        var input = model.NewPath("input.txt");
        var output = model.NewPath("output.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            "live horses for breeding",
            """{"id":"A-1","description":"frozen boneless bovine meat","importerId":"IMP9","declaredCode":"0202.30.00"}""",
            "   ",
            "{not json",
            """{"id":7,"importerId":"X"}""",
        ]);

        var (exit, stdout, stderr) = await Hs.RunAsync("classify", "--model", model.ModelDirectory, "--input", input, "--top", "3", "--output", output);

        Assert.True(exit == 0, stderr);
        Assert.Equal("", stdout);
        Assert.Contains("5 lines: 2 classified, 3 errors", stderr);
        var lines = (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(5, lines.Length);

        Assert.Equal(1, lines[0].GetProperty("id").GetInt32());
        AssertRanking(lines[0], 3);
        Assert.Equal("A-1", lines[1].GetProperty("id").GetString());
        Assert.Equal("IMP9", lines[1].GetProperty("importerId").GetString());
        Assert.Equal("02023000", lines[1].GetProperty("declaredCode").GetString());
        AssertRanking(lines[1], 3);
        var rank = lines[1].GetProperty("declaredCodeRank");
        var codes = lines[1].GetProperty("recommendations").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToList();
        Assert.Equal(codes.IndexOf("02023000") + 1, rank.ValueKind == JsonValueKind.Null ? 0 : rank.GetInt32());

        Assert.Equal(3, lines[2].GetProperty("id").GetInt32());
        Assert.Contains("blank line", lines[2].GetProperty("error").GetString());
        Assert.Equal(4, lines[3].GetProperty("id").GetInt32());
        Assert.Contains("invalid JSON", lines[3].GetProperty("error").GetString());
        Assert.Equal(7, lines[4].GetProperty("id").GetInt32());
        Assert.Contains("description", lines[4].GetProperty("error").GetString());
        Assert.False(lines[4].TryGetProperty("recommendations", out _));
    }

    private static void AssertRanking(JsonElement line, int top)
    {
        var recommendations = line.GetProperty("recommendations").EnumerateArray().ToArray();
        Assert.Equal(top, recommendations.Length);
        var codes = recommendations.Select(r => r.GetProperty("code").GetString()!).ToArray();
        Assert.All(codes, c => Assert.Matches("^[0-9]{6}([0-9]{2})?$", c));
        Assert.Equal(codes.Length, codes.Distinct().Count());
        var probabilities = recommendations.Select(r => r.GetProperty("probability").GetDouble()).ToArray();
        Assert.All(probabilities, p => Assert.InRange(p, 0, 1));
        Assert.Equal(probabilities.OrderDescending(), probabilities);
    }

    [Fact]
    public async Task A_nomenclature_lines_own_description_gets_its_own_code_in_the_top_5()
    {
        var rows = BundledCorpus.NomenclatureRows(HsNomenclature.Bundled)
            .Where(r => r.Code.Level == 8 && r.Code.Chapter.Digits is "01" or "02")
            .ToArray();
        // Descriptions shared by several codes cannot single one out; every 7th of the others is a spread sample.
        var unique = rows.GroupBy(r => r.Description).Where(g => g.Select(r => r.Code).Distinct().Count() == 1).Select(g => g.First()).ToArray();
        var sample = unique.Where((_, i) => i % 7 == 0).ToArray();
        Assert.True(sample.Length >= 10, $"only {sample.Length} sample rows");
        var input = model.NewPath("nomenclature.txt");
        await File.WriteAllLinesAsync(input, sample.Select(r => r.Description));

        var (exit, stdout, stderr) = await Hs.RunAsync("classify", "--model", model.ModelDirectory, "--input", input, "--top", "5");

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(sample.Length, lines.Length);
        for (var i = 0; i < sample.Length; i++)
        {
            var codes = lines[i].GetProperty("recommendations").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ToArray();
            Assert.True(codes.Contains(sample[i].Code.Digits), $"'{sample[i].Description}' ({sample[i].Code}) got {string.Join(' ', codes)}");
        }
    }

    [Fact]
    public async Task Classify_refuses_an_unknown_mode_and_reads_category_and_attributes_from_json_lines()
    {
        var (refused, _, why) = await Hs.RunAsync("classify", "--model", model.ModelDirectory, "--mode", "turbo", "live horses");
        Assert.NotEqual(0, refused);
        Assert.Contains("--mode must be fast, cascade or full", why);

        var input = model.NewPath("listings.jsonl");
        await File.WriteAllLinesAsync(input,
        [
            """{"id":"L1","description":"live pure-bred breeding horses","category":"Animals > Horses","attributes":{"Type":"breeding","Age":4}}""",
            """{"id":"L2","description":"live horses","attributes":["not","an","object"]}""",
            """{"id":"L3","description":"live horses","category":7}""",
        ]);
        var (exit, stdout, stderr) = await Hs.RunAsync("classify", "--model", model.ModelDirectory, "--input", input, "--mode", "fast");

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.StartsWith("0101", lines[0].GetProperty("recommendations")[0].GetProperty("code").GetString());
        Assert.Contains("\"attributes\" must be an object", lines[1].GetProperty("error").GetString());
        Assert.Contains("\"category\" must be a string", lines[2].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Classify_one_description_prints_codes_labels_and_chapter_probabilities()
    {
        var (exit, stdout, stderr) = await Hs.RunAsync("classify", "--model", model.ModelDirectory, "live pure-bred breeding horses", "--top", "2");

        Assert.True(exit == 0, stderr);
        Assert.Contains("Recommendations", stdout);
        Assert.Contains("Chapters (router)", stdout);
        Assert.Matches(@"\d{4}\.\d{2}\.\d{2}", stdout);
        Assert.Contains("01 ", stdout);
    }

    [Fact]
    public async Task Classify_at_level_6_writes_distinct_subheadings()
    {
        var input = model.NewPath("level6.txt");
        await File.WriteAllLinesAsync(input, ["live pure-bred breeding horses", "frozen boneless bovine meat"]);

        var (exit, stdout, stderr) = await Hs.RunAsync("classify", "--model", model.ModelDirectory, "--input", input, "--top", "3", "--level", "6");

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            var codes = line.GetProperty("recommendations").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToArray();
            Assert.Equal(3, codes.Length);
            Assert.All(codes, code => Assert.Equal(6, code.Length));
            Assert.Equal(3, codes.Distinct().Count());
        }
        Assert.StartsWith("0101", lines[0].GetProperty("recommendations")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Train_takes_the_routers_naive_Bayes_blend_from_the_command_line()
    {
        var plain = model.NewPath("no-bayes");
        var (exit, _, stderr) = await Hs.RunAsync("train", "--out", plain, "--limit-chapters", TinyModelFixture.Chapters, "--no-calibration", "--router-bayes-weight", "0");
        Assert.True(exit == 0, stderr);
        var (router, _) = RouterModelFile.Read(File.ReadAllBytes(Path.Combine(plain, ModelDirectory.RouterFile)), "router.hsm");
        Assert.Null(router.SecondOpinion);
        var (blended, _) = RouterModelFile.Read(File.ReadAllBytes(Path.Combine(model.ModelDirectory, ModelDirectory.RouterFile)), "router.hsm");
        Assert.Equal(new TrainingOptions().RouterNaiveBayesWeight, blended.SecondOpinion!.Weight);
    }

    [Fact]
    public async Task Bad_arguments_give_a_usage_exit_code_and_a_message_naming_the_problem()
    {
        var missingModel = Path.Combine(model.Root, "no-such-model");
        var noImporters = model.NewPath("no-importers.csv");
        await File.WriteAllLinesAsync(noImporters, ["description,code", "live horses for breeding,010121"]);
        (string[] Args, string Message)[] cases =
        [
            ([], "command"),
            (["frobnicate"], "frobnicate"),
            (["train"], "--out"),
            (["train", "--out", model.NewPath("m"), "--data", "/no/such/file.csv"], "/no/such/file.csv"),
            (["train", "--out", model.NewPath("m"), "--limit-chapters", "8x"], "8x"),
            (["train", "--out", model.NewPath("m"), "--router-bayes-weight", "1.5"], "--router-bayes-weight"),
            (["train", "--out", model.NewPath("m"), "--router-bayes-alpha", "0"], "--router-bayes-alpha"),
            (["evaluate", "--cv", "3", "--router-bayes-weight", "-1"], "--router-bayes-weight"),
            (["classify", "--model", model.ModelDirectory, "horses", "--top", "0"], "--top"),
            (["classify", "--model", model.ModelDirectory, "horses", "--top", "many"], "many"),
            (["classify", "--model", model.ModelDirectory, "horses", "--level", "4"], "--level"),
            (["classify", "--model", model.ModelDirectory, "--input", "/no/such/input.txt"], "/no/such/input.txt"),
            (["classify", "--model", model.ModelDirectory], "Nothing to classify"),
            (["classify", "--model", missingModel, "horses"], missingModel),
            (["evaluate", "--data", "x.csv"], "either --model"),
            (["evaluate", "--cv", "1"], "at least 2 folds"),
            (["evaluate", "--cv", "3", "--compare-folds", "1"], "--compare-folds"),
            (["evaluate", "--cv", "3", "--max-folds", "4"], "--max-folds"),
            (["evaluate", "--cv", "3", "--mlnet", "svm:2"], "unknown trainer 'svm'"),
            (["evaluate", "--cv", "3", "--mlnet", "sdca:3"], "level of 2, 4 or 6"),
            (["evaluate", "--cv", "3", "--mlnet", "sdca"], "level of 2, 4 or 6"),
            (["evaluate", "--model", model.ModelDirectory, "--data", "x.csv", "--mlnet", "sdca:2"], "--mlnet"),
            (["evaluate", "--cv", "3", "--fold", "4"], "--fold"),
            (["evaluate", "--cv", "3", "--fold", "1", "--max-folds", "1"], "--fold"),
            (["evaluate", "--model", model.ModelDirectory, "--data", "x.csv", "--max-folds", "1"], "--max-folds"),
            (["evaluate", "--model", model.ModelDirectory, "--data", "x.csv", "--compare"], "--compare"),
            (["evaluate", "--model", model.ModelDirectory, "--data", "/no/such/data.csv"], "/no/such/data.csv"),
            (["evaluate", "--cv", "3", "--importer-history", "1"], "--importer-history"),
            (["evaluate", "--cv", "3", "--declared-check"], "--declared-check"),
            (["evaluate", "--model", model.ModelDirectory, "--data", noImporters, "--declared-check", "--report", model.NewPath("r")], "--declared-check"),
            (["evaluate", "--model", model.ModelDirectory, "--data", noImporters, "--importer-history", "0.5,abc"], "'abc'"),
            (["evaluate", "--model", model.ModelDirectory, "--data", noImporters, "--importer-history", "-1"], "'-1'"),
            (["evaluate", "--model", model.ModelDirectory, "--data", noImporters, "--importer-history", "1"], "no labelled rows with an importer id"),
        ];
        foreach (var (args, message) in cases)
        {
            var (exit, stdout, stderr) = await Hs.RunAsync(args);
            Assert.True(exit == ExitCodes.Usage, $"hs {string.Join(' ', args)} exited {exit}: {stderr}");
            Assert.Contains(message, stderr);
            Assert.DoesNotContain("   at ", stderr); // no stack trace
        }
    }

    [Fact]
    public async Task Declared_check_prints_false_alarms_and_detections_per_threshold()
    {
        var data = model.NewPath("declared.csv");
        await File.WriteAllLinesAsync(data, ["description,code", "live horses for breeding,010121", "frozen boneless bovine meat,020230", "fresh chicken cuts,020713"]);

        var (exit, stdout, stderr) = await Hs.RunAsync("evaluate", "--model", model.ModelDirectory, "--data", data, "--declared-check");

        Assert.True(exit == 0, stderr);
        Assert.Contains("3 declarations", stdout);
        Assert.Contains("right declarations flagged (false alarms)", stdout);
        Assert.Contains("wrong: a code of another chapter, at random", stdout);
        Assert.Contains("t=0.01", stdout);
    }

    [Fact]
    public async Task A_corrupt_model_file_is_reported_by_name_not_by_a_stack_trace()
    {
        var broken = model.NewPath("broken-model");
        Directory.CreateDirectory(Path.Combine(broken, "chapters"));
        foreach (var file in Directory.EnumerateFiles(model.ModelDirectory, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(broken, Path.GetRelativePath(model.ModelDirectory, file)));
        }
        var router = Path.Combine(broken, "router.hsm");
        var bytes = await File.ReadAllBytesAsync(router);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(router, bytes);

        var (exit, _, stderr) = await Hs.RunAsync("classify", "--model", broken, "horses");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("unreadable model", stderr);
        Assert.Contains("router.hsm", stderr);
        Assert.DoesNotContain("   at ", stderr);

        // A damaged chapter only shows when a description is routed to it, inside the parallel batch.
        await File.WriteAllBytesAsync(router, await File.ReadAllBytesAsync(Path.Combine(model.ModelDirectory, "router.hsm")));
        await File.WriteAllTextAsync(Path.Combine(broken, "chapters", "01.hsm"), "not a model");
        await File.WriteAllTextAsync(Path.Combine(broken, "chapters", "02.hsm"), "not a model");
        var input = model.NewPath("one.txt");
        await File.WriteAllLinesAsync(input, ["live horses"]);

        (exit, _, stderr) = await Hs.RunAsync("classify", "--model", broken, "--input", input);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("unreadable model", stderr);
        Assert.Contains(".hsm", stderr);
    }

    [Fact]
    public async Task Evaluate_a_trained_model_on_a_labelled_file_writes_the_report()
    {
        var data = model.NewPath("labelled.csv");
        var rows = BundledCorpus.HmrcReferences().Where(r => r.Code.Level >= 6 && r.Code.Chapter.Digits is "01" or "02").Take(40).ToArray();
        Assert.NotEmpty(rows);
        await File.WriteAllLinesAsync(data, ["description,code", .. rows.Select(r => $"\"{r.Description.Replace("\"", "\"\"")}\",{r.Code.Digits}")]);
        var report = model.NewPath("report");

        var (exit, stdout, stderr) = await Hs.RunAsync("evaluate", "--model", model.ModelDirectory, "--data", data, "--report", report);

        Assert.True(exit == 0, stderr);
        Assert.Contains("HsActors hierarchy", stdout);
        Assert.Contains($"{rows.Length}", stderr); // the import report's accepted count
        foreach (var file in new[] { "report.md", "report.json", "confusion-chapters.svg" })
        {
            Assert.True(File.Exists(Path.Combine(report, file)), file);
        }
    }
}
