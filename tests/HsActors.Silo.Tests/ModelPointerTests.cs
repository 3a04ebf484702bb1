using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using HsActors.Abstractions.Blobs;
using HsActors.ModelRegistry;
using HsActors.Storage.FileSystem;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HsActors.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class ModelPointerTests(SmallModel model, ITestOutputHelper output)
{
    private const string Tyres = "new pneumatic tyres of rubber for motor cars";
    private const string Coffee = "roasted coffee beans, not decaffeinated";
    private const string Shoes = "footwear with outer soles and uppers of leather";

    [Fact]
    public async Task The_first_start_publishes_every_key_into_the_registry_as_bootstrap_versions_and_promotes_them()
    {
        await using var silo = await LifecycleSilo.StartAsync(model);

        var chapters = await silo.Registry.ListChaptersAsync();
        Assert.Equal(["09", "40", "64", "router"], chapters);
        foreach (var chapter in chapters)
        {
            var pointer = (await silo.Registry.GetPointerAsync(chapter))!.Pointer;
            Assert.Equal(SmallModel.Version, pointer.ActiveVersion);
            var manifest = (await silo.Registry.GetManifestAsync(chapter, SmallModel.Version))!;
            Assert.Equal("bootstrap", manifest.CreatedBy);
            Assert.True(manifest.TrainingSummary["rows"].Number > 0);
        }
    }

    [Fact]
    public async Task A_promotion_is_served_without_a_failed_request_under_concurrent_classification()
    {
        await using var silo = await LifecycleSilo.StartAsync(model);
        await silo.PublishCopyAsync("40", "v2");
        await silo.WarmAsync(Tyres);

        using var stop = new CancellationTokenSource();
        var seenV2 = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Stopwatch();
        var failures = 0;
        var requests = 0;
        var clients = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            var client = silo.Factory.ClientWithKey(TestKeys.Hub);
            while (!stop.IsCancellationRequested)
            {
                var response = await client.PostAsync("/v1/classify", Json.Body(new { description = Tyres }));
                Interlocked.Increment(ref requests);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }
                var body = await Json.ReadAsync(response);
                if (LifecycleSilo.VersionOf(body, "40") == "v2" && clock.IsRunning)
                {
                    seenV2.TrySetResult(clock.Elapsed);
                }
            }
        })).ToArray();

        clock.Start();
        var promote = await silo.Admin.PostAsync("/v1/admin/models/40/promote", Json.Body(new { version = "v2" }));
        Assert.Equal(200, (int)promote.StatusCode);
        var pickedUp = await seenV2.Task.WaitAsync(TimeSpan.FromSeconds(60));
        // Keep classifying a little past the swap so requests in flight across it are counted.
        var after = Volatile.Read(ref requests);
        await Eventually.UntilAsync(() => Task.FromResult(Volatile.Read(ref requests)), r => r >= after + 20, "requests after the swap");
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        output.WriteLine($"pointer change served after {pickedUp.TotalMilliseconds:0} ms; {requests} requests, {failures} failed");
        Assert.Equal(0, failures);
        var served = await silo.ChapterAsync("40");
        Assert.Equal("v2", served["chapter"]!["served"]!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_promotion_is_pushed_to_the_model_cache_within_a_second_without_waiting_for_the_poll()
    {
        // The backstop poll is an hour: only the chapter grain's notice through the pointer hub can deliver the change.
        await using var silo = await LifecycleSilo.StartAsync(model, new Dictionary<string, string?> { ["HsActors:Models:PollInterval"] = "01:00:00" });
        await silo.PublishCopyAsync("40", "v2");
        await silo.WarmAsync(Tyres);
        // The hub subscription starts once the silo is ready; let its first subscribe land.
        await Eventually.UntilAsync(() => Task.FromResult(silo.Factory.Services.GetRequiredService<Grains.Serving.ModelPointerSubscription>().Subscribed),
            subscribed => subscribed, "the pointer subscription");

        var clock = Stopwatch.StartNew();
        var promote = await silo.Admin.PostAsync("/v1/admin/models/40/promote", Json.Body(new { version = "v2" }));
        Assert.Equal(200, (int)promote.StatusCode);
        await Eventually.UntilAsync(async () => LifecycleSilo.VersionOf(await silo.ClassifyAsync(Tyres), "40"), v => v == "v2", "v2 to answer", TimeSpan.FromSeconds(5));
        output.WriteLine($"pushed pointer change served after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"served after {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_canary_answers_exactly_the_request_keys_whose_bucket_falls_under_its_percentage()
    {
        await using var silo = await LifecycleSilo.StartAsync(model);
        await silo.PublishCopyAsync("40", "canary1");
        await silo.WarmAsync(Tyres);
        var set = await silo.Admin.PostAsync("/v1/admin/models/40/canary", Json.Body(new { version = "canary1", percent = 30 }));
        Assert.Equal(200, (int)set.StatusCode);
        await Eventually.UntilAsync(() => silo.ChapterAsync("40"), c => c["chapter"]!["served"]?["canaryVersion"]?.GetValue<string>() == "canary1", "the canary to be served");

        var ids = Enumerable.Range(0, 200).Select(i => $"decl-{i}").ToArray();
        var canaried = new List<string>();
        foreach (var id in ids)
        {
            if (LifecycleSilo.VersionOf(await silo.ClassifyAsync(Tyres, id), "40") == "canary1")
            {
                canaried.Add(id);
            }
        }

        var expected = ids.Where(id => CanaryRouter.Bucket(id) < 30).ToArray();
        Assert.Equal(expected, canaried);
        Assert.InRange(canaried.Count, 30, 90);

        var clear = await silo.Admin.DeleteAsync("/v1/admin/models/40/canary");
        Assert.Equal(200, (int)clear.StatusCode);
        await Eventually.UntilAsync(() => silo.ChapterAsync("40"), c => c["chapter"]!["served"]?["canaryVersion"] is null, "the canary to be cleared");
        Assert.Equal(SmallModel.Version, LifecycleSilo.VersionOf(await silo.ClassifyAsync(Tyres, expected[0]), "40"));
    }

    [Fact]
    public async Task A_shadow_ranks_live_lines_beside_the_active_version_and_reports_its_agreement()
    {
        await using var silo = await LifecycleSilo.StartAsync(model);
        await silo.PublishCopyAsync("09", "shadow1");
        await silo.WarmAsync(Coffee);
        Assert.Equal(200, (int)(await silo.Admin.PostAsync("/v1/admin/models/09/shadow", Json.Body(new { version = "shadow1" }))).StatusCode);
        await Eventually.UntilAsync(() => silo.ChapterAsync("09"), c => c["chapter"]!["served"]?["shadowVersion"]?.GetValue<string>() == "shadow1", "the shadow to be served");

        string[] lines = [Coffee, "ground cinnamon", "black pepper, crushed", "green tea in packets", "vanilla pods"];
        for (var i = 0; i < 20; i++)
        {
            var answer = await silo.ClassifyAsync(lines[i % lines.Length]);
            Assert.Equal(SmallModel.Version, LifecycleSilo.VersionOf(answer, "09")); // the shadow never answers
        }

        var chapter = await Eventually.UntilAsync(() => silo.ChapterAsync("09"),
            c => c["chapter"]!["served"]?["shadow"]?["compared"]?.GetValue<long>() >= 20, "20 shadow comparisons");
        var shadow = chapter["chapter"]!["served"]!["shadow"]!;
        Assert.Equal("shadow1", shadow["shadowVersion"]!.GetValue<string>());
        // The shadow holds the same weights, so every comparison agrees.
        Assert.Equal(shadow["compared"]!.GetValue<long>(), shadow["agreed"]!.GetValue<long>());
        Assert.Equal(1.0, shadow["agreementRate"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_shadow_that_answers_otherwise_reports_the_lines_it_disagreed_on()
    {
        await using var silo = await LifecycleSilo.StartAsync(model, new Dictionary<string, string?>
        {
            ["HsActors:Retraining:MinAssessments"] = "3",
            ["HsActors:Retraining:AutoPromote"] = "false",
        });
        var (before, officersCode) = await silo.CoffeeCorrectionAsync(Coffee);
        // Only importer IMP-S gets the officers' override, so the importer-less lines below show each model's own answer.
        await silo.AppendAssessmentsAsync(Coffee, before, officersCode, Enumerable.Range(0, 3), importerId: "IMP-S");
        var chapter = await Eventually.UntilAsync(() => silo.ChapterAsync("09"),
            c => c["chapter"]!["retraining"]?["lastDecision"]?.GetValue<string>() == "candidate", "a retrained candidate", TimeSpan.FromMinutes(3));
        var candidate = chapter["chapter"]!["retraining"]!["lastVersion"]!.GetValue<string>();
        Assert.Equal(200, (int)(await silo.Admin.PostAsync("/v1/admin/models/09/shadow", Json.Body(new { version = candidate }))).StatusCode);
        await Eventually.UntilAsync(() => silo.ChapterAsync("09"), c => c["chapter"]!["served"]?["shadowVersion"]?.GetValue<string>() == candidate, "the shadow to be served");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(before, LifecycleSilo.TopCode(await silo.ClassifyAsync(Coffee))); // the active version still answers
        }

        var shadow = (await Eventually.UntilAsync(() => silo.ChapterAsync("09"),
            c => c["chapter"]!["served"]?["shadow"]?["disagreements"]?.AsArray().Count > 0, "a disagreement"))["chapter"]!["served"]!["shadow"]!;
        var example = shadow["disagreements"]![0]!;
        Assert.Equal(Coffee, example["description"]!.GetValue<string>());
        // The comparison ranks the chapter's two models on their own (no router, no alternatives), so its codes are theirs.
        Assert.NotEqual(example["activeCode"]!.GetValue<string>(), example["shadowCode"]!.GetValue<string>());
        Assert.StartsWith("09", example["shadowCode"]!.GetValue<string>());
        Assert.True(shadow["agreed"]!.GetValue<long>() < shadow["compared"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_version_whose_checksum_fails_is_refused_and_the_previous_version_keeps_serving()
    {
        await using var silo = await LifecycleSilo.StartAsync(model);
        await silo.PublishCopyAsync("64", "broken");
        await silo.WarmAsync(Shoes);
        var blobs = (FileSystemBlobStore)silo.Factory.Services.GetRequiredService<IBlobStore>();

        // Damage the stored bytes, then point the chapter at them the way a faulty tool would: the registry's own
        // promote verifies first and refuses, so the pointer document is written directly.
        var path = blobs.GetFilePath("models/64/broken");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^100] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);
        var refused = await silo.Admin.PostAsync("/v1/admin/models/64/promote", Json.Body(new { version = "broken" }));
        await Json.ProblemAsync(refused, 409);
        var pointer = (await blobs.GetAsync("pointers/64.json"))!;
        var document = JsonNode.Parse(pointer.Content.Span)!;
        document["activeVersion"] = "broken";
        document["revision"] = document["revision"]!.GetValue<long>() + 1;
        await blobs.PutAsync("pointers/64.json", System.Text.Encoding.UTF8.GetBytes(document.ToJsonString()), BlobCondition.IfMatch(pointer.Properties.ETag));

        var chapter = await Eventually.UntilAsync(() => silo.ChapterAsync("64"),
            c => c["chapter"]!["served"]?["fault"]?["version"]?.GetValue<string>() == "broken", "the fault to be reported");
        Assert.Equal(SmallModel.Version, chapter["chapter"]!["served"]!["version"]!.GetValue<string>());
        Assert.Contains("corrupt", chapter["chapter"]!["served"]!["fault"]!["reason"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var answer = await silo.ClassifyAsync(Shoes);
        Assert.Equal("64", answer["recommendations"]![0]!["chapter"]!.GetValue<string>());
        Assert.Equal(SmallModel.Version, LifecycleSilo.VersionOf(answer, "64"));
    }

    [Fact]
    public async Task A_version_whose_manifest_is_damaged_is_listed_as_corrupted_and_the_chapter_still_reads()
    {
        await using var silo = await LifecycleSilo.StartAsync(model);
        await silo.PublishCopyAsync("64", "unreadable");
        var blobs = (FileSystemBlobStore)silo.Factory.Services.GetRequiredService<IBlobStore>();
        var path = blobs.GetFilePath("models/64/unreadable.manifest.json");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^10] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);

        using var response = await silo.Admin.GetAsync("/v1/admin/models/64");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var versions = (await Json.ReadAsync(response))["versions"]!.AsArray();
        var damaged = versions.Single(v => v!["version"]!.GetValue<string>() == "unreadable")!;
        Assert.Equal("corrupted", damaged["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(damaged["notes"]!.GetValue<string>()));
        Assert.Contains(versions, v => v!["version"]!.GetValue<string>() == SmallModel.Version && v["status"]!.GetValue<string>() == "active");
        var refused = await silo.Admin.PostAsync("/v1/admin/models/64/promote", Json.Body(new { version = "unreadable" }));
        await Json.ProblemAsync(refused, 409);
    }
}
