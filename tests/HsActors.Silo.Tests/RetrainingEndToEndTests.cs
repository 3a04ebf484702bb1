using HsActors.Grains.Models;
using HsActors.Classification.ModelFiles;
using HsActors.Nomenclature;
using Xunit.Abstractions;

namespace HsActors.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class RetrainingEndToEndTests(SmallModel model, ITestOutputHelper output)
{
    private const string Line = "roasted coffee beans, not decaffeinated";

    [Fact]
    public async Task Officers_corrections_retrain_evaluate_and_promote_the_chapter_and_a_rollback_restores_the_old_answer()
    {
        await using var silo = await LifecycleSilo.StartAsync(model, new Dictionary<string, string?>
        {
            ["HsActors:Retraining:MinAssessments"] = "6",
            // A small chapter's evaluation split has few rows; one row is several per cent.
            ["HsActors:Retraining:Tolerance"] = "0.1",
        });
        var before = LifecycleSilo.TopCode(await silo.ClassifyAsync(Line));
        var officersCode = HsNomenclature.Bundled.AtLevel(8)
            .Select(e => e.Code)
            .First(c => c.Chapter.Digits == "09" && c.Truncate(6).Digits != before[..6]).Digits;
        output.WriteLine($"model says {before}; officers say {officersCode}");

        await silo.AppendAssessmentsAsync(Line, before, officersCode, Enumerable.Range(0, 6), importerId: "IMP-E2E");
        // The importer's own lines get the officers' code at once, from the override table, long before any retraining.
        var overridden = await Eventually.UntilAsync(() => Json.PostOkAsync(silo.Hub, "/v1/classify", new { description = Line, importerId = "IMP-E2E" }),
            r => LifecycleSilo.TopCode(r) == officersCode, "the override for the importer");
        Assert.Equal("officer-override", overridden["recommendations"]![0]!["source"]!.GetValue<string>());

        var chapter = await Eventually.UntilAsync(() => silo.ChapterAsync("09"),
            c => c["chapter"]!["retraining"]?["lastDecision"] is not null, "the retraining of chapter 09", TimeSpan.FromMinutes(5));
        var retraining = chapter["chapter"]!["retraining"]!;
        output.WriteLine(chapter.ToJsonString());
        Assert.Equal("promoted", retraining["lastDecision"]!.GetValue<string>());
        var version = retraining["lastVersion"]!.GetValue<string>();
        var manifest = chapter["versions"]!.AsArray().Single(v => v!["version"]!.GetValue<string>() == version)!;
        Assert.Equal("retrainer", manifest["createdBy"]!.GetValue<string>());
        Assert.Equal(SmallModel.Version, manifest["parentVersion"]!.GetValue<string>());
        Assert.Equal("6", manifest["trainingSummary"]!["officerRows"]!.GetValue<string>());
        Assert.Equal("6", manifest["trainingSummary"]!["assessmentsThrough"]!.GetValue<string>());
        Assert.True(manifest["figures"]!["heldOut.rows"]!.GetValue<double>() > 0);
        Assert.InRange(manifest["figures"]!["heldOut.macroF1At6"]!.GetValue<double>(), 0.01, 1);
        Assert.InRange(manifest["figures"]!["heldOut.calibrationErrorAt6"]!.GetValue<double>(), 0, 1);
        Assert.InRange(manifest["figures"]!["baseline.heldOut.macroF1At6"]!.GetValue<double>(), 0.01, 1);
        Assert.Equal(1.0, manifest["figures"]!["recent.candidate.top1At8"]!.GetValue<double>());
        Assert.Equal(0.0, manifest["figures"]!["recent.active.top1At8"]!.GetValue<double>());

        // Lines without that importer have no override: this is the retrained model's own answer.
        await Eventually.UntilAsync(() => silo.ClassifyAsync(Line), r => LifecycleSilo.TopCode(r) == officersCode, "the officers' code to be served by the model");
        Assert.Equal(version, LifecycleSilo.VersionOf(await silo.ClassifyAsync(Line), "09"));

        var rollback = await silo.Admin.PostAsync("/v1/admin/models/09/rollback", Json.Body(new { reason = "e2e test" }));
        Assert.Equal(200, (int)rollback.StatusCode);
        var restored = await Eventually.UntilAsync(() => silo.ClassifyAsync(Line), r => LifecycleSilo.VersionOf(r, "09") == SmallModel.Version, "the rollback to be served");
        Assert.Equal(before, LifecycleSilo.TopCode(restored));
    }

    [Fact]
    public async Task Three_hundred_identical_corrections_from_one_officer_move_only_their_importers_answer_while_six_officers_move_everyones()
    {
        await using var silo = await LifecycleSilo.StartAsync(model, new Dictionary<string, string?>
        {
            ["HsActors:Retraining:MinAssessments"] = "6",
            ["HsActors:Retraining:Tolerance"] = "0.1",
        });
        var (before, officersCode) = await silo.CoffeeCorrectionAsync(Line);

        // One officer (or one stolen key), the same correction 300 times.
        await silo.AppendAssessmentsAsync(Line, before, officersCode, Enumerable.Range(0, 300), importerId: "IMP-ONE", officerOf: _ => "officer-mallory");
        // Retrainings follow one another while the 300 arrive; wait for one whose version the listing already shows.
        var held = await Eventually.UntilAsync(() => silo.ChapterAsync("09"),
            c => c["chapter"]!["retraining"]?["lastVersion"]?.GetValue<string>() is { } last
                && c["versions"]!.AsArray().Any(v => v!["version"]!.GetValue<string>() == last), "the retraining of chapter 09", TimeSpan.FromMinutes(5));
        var retraining = held["chapter"]!["retraining"]!;
        output.WriteLine(retraining.ToJsonString());
        Assert.Equal("candidate", retraining["lastDecision"]!.GetValue<string>());
        Assert.Contains("1 officer(s) (officer-mallory)", retraining["lastReason"]!.GetValue<string>());
        var heldVersion = held["versions"]!.AsArray().Single(v => v!["version"]!.GetValue<string>() == retraining["lastVersion"]!.GetValue<string>())!;
        Assert.Equal("1", heldVersion["trainingSummary"]!["officerRows"]!.GetValue<string>()); // 300 identical rows count once
        Assert.Equal(before, LifecycleSilo.TopCode(await silo.ClassifyAsync(Line))); // everyone else's answer is unchanged
        var importers = await Json.PostOkAsync(silo.Hub, "/v1/classify", new { description = Line, importerId = "IMP-ONE" });
        Assert.Equal(officersCode, LifecycleSilo.TopCode(importers)); // the named importer's override applies at once

        // Six officers agreeing is evidence: the next candidate is promoted and the model's own answer moves.
        await silo.AppendAssessmentsAsync(Line, before, officersCode, Enumerable.Range(1000, 6), importerId: "IMP-MANY");
        await Eventually.UntilAsync(() => silo.ClassifyAsync(Line), r => LifecycleSilo.TopCode(r) == officersCode, "six officers' code to be served by the model", TimeSpan.FromMinutes(5));
        // Later retrainings may follow (the 300 arrive in several steps), so ask the versions, not the last decision.
        var active = (await silo.ChapterAsync("09"))["versions"]!.AsArray().Single(v => v!["status"]!.GetValue<string>() == "active")!;
        Assert.Equal("retrainer", active["createdBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Officers_moving_lines_between_chapters_retrain_the_router_with_its_naive_Bayes_second_opinion_and_smoothing()
    {
        await using var silo = await LifecycleSilo.StartAsync(model, new Dictionary<string, string?>
        {
            ["HsActors:Retraining:RouterMinAssessments"] = "6",
            ["HsActors:Retraining:MinAssessments"] = "1000000",
        });
        const string gloves = "rubber gloves for surgery";
        var before = LifecycleSilo.TopCode(await silo.ClassifyAsync(gloves));
        var officersCode = HsNomenclature.Bundled.AtLevel(8).Select(e => e.Code).First(c => c.Chapter.Digits == "64" && c.Chapter.Digits != before[..2]).Digits;
        await silo.AppendAssessmentsAsync(gloves, before, officersCode, Enumerable.Range(0, 6));

        var router = await Eventually.UntilAsync(() => silo.ChapterAsync(IModelStore.RouterKey),
            c => c["chapter"]!["retraining"]?["lastVersion"] is not null, "the router's retraining", TimeSpan.FromMinutes(5));
        var version = router["chapter"]!["retraining"]!["lastVersion"]!.GetValue<string>();
        var content = await silo.Registry.OpenVersionAsync(IModelStore.RouterKey, version);
        var (retrained, _) = RouterModelFile.Read(content.Content, version);
        var (bootstrap, _) = RouterModelFile.Read(File.ReadAllBytes(Path.Combine(model.Directory, ModelDirectory.RouterFile)), "bootstrap");
        Assert.Equal(bootstrap.SecondOpinion!.Weight, retrained.SecondOpinion!.Weight);
        Assert.Equal(0.05, bootstrap.SecondOpinion.Model.Alpha);
        Assert.Equal(bootstrap.SecondOpinion.Model.Alpha, retrained.SecondOpinion.Model.Alpha);
        Assert.Equal(bootstrap.Calibration, retrained.Calibration);
        Assert.Equal("6", content.Manifest.TrainingSummary!["officerRows"].ToString());
    }

    [Fact]
    public async Task After_a_restart_only_assessments_past_the_newest_version_count_as_new_and_every_assessment_is_trained_on()
    {
        using var dataDirectory = new TempDirectory();
        var data = dataDirectory.Path;
        var settings = new Dictionary<string, string?> { ["HsActors:Retraining:MinAssessments"] = "3", ["HsActors:Retraining:AutoPromote"] = "false" };
        const string Pepper = "black pepper, whole, dried";
        await using (var first = await LifecycleSilo.StartAsync(model, settings, data))
        {
            await first.AppendAssessmentsAsync(Pepper, "09011190", "09041120", [1, 2, 3]);
            var retrained = await Eventually.UntilAsync(() => first.ChapterAsync("09"),
                c => c["chapter"]!["retraining"]?["lastDecision"] is not null, "the first retraining", TimeSpan.FromMinutes(5));
            Assert.Equal("candidate", retrained["chapter"]!["retraining"]!["lastDecision"]!.GetValue<string>());
            Assert.Contains("AutoPromote", retrained["chapter"]!["retraining"]!["lastReason"]!.GetValue<string>());
        }

        await using var second = await LifecycleSilo.StartAsync(model, settings, data);
        await second.AppendAssessmentsAsync(Pepper, "09011190", "09041120", [4, 5]);
        var waiting = await Eventually.UntilAsync(() => second.ChapterAsync("09"),
            c => c["chapter"]!["retraining"]?["pending"]?.GetValue<int>() == 2, "two new assessments after the restart");
        Assert.Equal(3, waiting["chapter"]!["retraining"]!["assessmentsThrough"]!.GetValue<long>());
        Assert.Single(waiting["versions"]!.AsArray(), v => v!["createdBy"]!.GetValue<string>() == "retrainer");

        await second.AppendAssessmentsAsync(Pepper, "09011190", "09041120", [6]);
        var retrainedAgain = await Eventually.UntilAsync(() => second.ChapterAsync("09"),
            c => c["versions"]!.AsArray().Count(v => v!["createdBy"]!.GetValue<string>() == "retrainer") == 2, "the second retraining", TimeSpan.FromMinutes(5));
        var newest = retrainedAgain["versions"]![0]!;
        Assert.Equal("6", newest["trainingSummary"]!["officerRows"]!.GetValue<string>());
        Assert.Equal("6", newest["trainingSummary"]!["assessmentsThrough"]!.GetValue<string>());
        Assert.Equal(SmallModel.Version, retrainedAgain["chapter"]!["activeVersion"]!.GetValue<string>());
    }
}
