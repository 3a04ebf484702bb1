using System.Diagnostics;
using System.Net;
using HsActors.Silo.Tests;
using Xunit.Abstractions;

namespace HsActors.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class StorageRestartTests(SiloCluster cluster, ITestOutputHelper output)
{
    /// <summary>Long enough for the SDK's retries to give up and for the silos' membership heartbeats to fail.</summary>
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task After_Azurite_restarts_during_traffic_the_silos_keep_classifying_stay_one_cluster_and_count_everything_once()
    {
        await cluster.EnsureAllRunningAsync();
        var importer = $"IMP-S-{Guid.NewGuid():N}"[..16];
        var footwear = Assessments.LineOf("64");
        var bodies = Enumerable.Range(0, 30)
            .Select(i => Assessments.Body($"{importer}-{i}", "leather boots", footwear, importer))
            .ToList();
        await using var classifying = new ClassifyTraffic(cluster, importer);
        var assessing = new AssessmentTraffic(cluster);

        await classifying.WarmUpAsync();
        classifying.Start();
        var streaming = assessing.RunAsync(bodies);
        while (assessing.AcknowledgedCount < 5)
            await Task.Delay(20);
        var clock = Stopwatch.StartNew();
        await cluster.Azurite.RestartAsync(Downtime);
        output.WriteLine($"Azurite down {Downtime.TotalSeconds:0} s, answering again after {clock.ElapsedMilliseconds} ms");
        await streaming;
        // Traffic for a while after the restart too: the silos must recover, not only survive.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await classifying.StopAsync();

        foreach (var withImporter in new[] { false, true })
            output.WriteLine($"classify {(withImporter ? "with" : "without")} importer: {classifying.Answers(withImporter, HttpStatusCode.OK)} × 200, " +
                $"{classifying.Answers(withImporter, HttpStatusCode.ServiceUnavailable)} × 503 with Retry-After");
        Assert.Empty(classifying.Unexpected);
        // Lines that touch no storage are answered from the silos' model caches throughout.
        Assert.Equal(0, classifying.Answers(withImporter: false, HttpStatusCode.ServiceUnavailable));
        Assert.True(classifying.Answers(withImporter: false, HttpStatusCode.OK) > 0);

        await StreamContents.AssertAllAcknowledgedAreStoredAsync(cluster, assessing.Acknowledged);
        // Every assessment is counted once, whatever silo took it and however long the importer grain's state write had
        // to wait for the storage. Every declaration answered 200 is counted once; one answered 503 may have reached the
        // importer's grain before another write of the same request failed (the answer asks for a retry, not a rollback).
        foreach (var (_, silo) in cluster.Running)
        {
            using var officer = silo.Client(TestKeys.Officer);
            var stats = await Assessments.WaitForStatisticsAsync(officer, importer,
                s => s["assessments"]!.GetValue<long>() >= bodies.Count && s["declarations"]!.GetValue<long>() >= classifying.RecordedDeclarations);
            Assert.Equal(bodies.Count, stats["assessments"]!.GetValue<long>());
            Assert.InRange(stats["declarations"]!.GetValue<long>(), classifying.RecordedDeclarations,
                classifying.RecordedDeclarations + classifying.Answers(withImporter: true, HttpStatusCode.ServiceUnavailable));
            using var probe = new HttpClient { BaseAddress = silo.BaseAddress };
            Assert.True((await probe.GetAsync("/health/ready")).IsSuccessStatusCode);
        }

        // The pointer documents are writable again, through any silo: pin and unpin a chapter with compare-and-swap.
        using var admin = cluster[2].Client(TestKeys.Admin);
        foreach (var action in new[] { "pin", "unpin" })
        {
            using var response = await admin.PostAsync($"/v1/admin/models/40/{action}", Json.Body(new { reason = "storage restart test" }));
            Assert.True(response.IsSuccessStatusCode, $"{action} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
