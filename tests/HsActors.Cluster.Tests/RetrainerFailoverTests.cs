using System.Diagnostics;
using HsActors.Silo.Tests;
using Xunit.Abstractions;

namespace HsActors.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RetrainerFailoverTests(SiloCluster cluster, ITestOutputHelper output)
{
    // Coffee: only this test assesses chapter 09, so its retraining counts start here.
    private const string Chapter = "09";

    [Fact]
    public async Task Killing_the_silo_hosting_a_chapters_retrainer_moves_the_grain_and_loses_or_doubles_no_acknowledged_assessment()
    {
        await cluster.EnsureAllRunningAsync();
        var importer = $"IMP-C-{Guid.NewGuid():N}"[..16];
        var declared = Assessments.LineOf(Chapter);
        var assessed = Assessments.LineOf(Chapter, skip: 5);
        var bodies = Enumerable.Range(0, 3 * SiloCluster.MinAssessments)
            .Select(i => Assessments.Body($"{importer}-{i}", "roasted coffee beans, not decaffeinated", assessed, importer, declaredCode: declared))
            .ToList();
        var traffic = new AssessmentTraffic(cluster);

        // A few assessments put the chapter on every silo's ledger; the silos then compete for it.
        await traffic.RunAsync(bodies[..3]);
        var owner = (await WaitForSingleHostAsync()).Single();
        output.WriteLine($"silo {owner} hosts the retrainer grain of {Chapter}");

        // Kill it as the rest starts streaming in, before it could have retrained: a counted number first (waiting for a
        // count to pass while the traffic runs on raced past MinAssessments on a fast machine), then the kill at once.
        await traffic.RunAsync(bodies[3..6]);
        Assert.True(traffic.AcknowledgedCount < SiloCluster.MinAssessments);
        var streaming = traffic.RunAsync(bodies[6..]);
        cluster.Kill(owner);
        var clock = Stopwatch.StartNew();
        var next = (await WaitForSingleHostAsync()).Single();
        output.WriteLine($"silo {next} hosts the retrainer of {Chapter} {clock.ElapsedMilliseconds} ms after silo {owner} was killed");
        Assert.NotEqual(owner, next);
        await streaming;
        output.WriteLine($"{traffic.AcknowledgedCount} acknowledged, {traffic.FailedAttempts} failed attempts retried through another silo");

        // Nothing acknowledged is lost: each is in the stream where its acknowledgement said, and counted once.
        Assert.Equal(bodies.Count, traffic.Acknowledged.Select(a => a.AssessmentId).Distinct().Count());
        var copies = await StreamContents.AssertAllAcknowledgedAreStoredAsync(cluster, traffic.Acknowledged);
        output.WriteLine($"stream copies beyond the first: {copies}");
        foreach (var (_, silo) in cluster.Running)
        {
            using var officer = silo.Client(TestKeys.Officer);
            var stats = await Assessments.WaitForStatisticsAsync(officer, importer, s => s["assessments"]!.GetValue<long>() >= bodies.Count);
            Assert.Equal(bodies.Count, stats["assessments"]!.GetValue<long>());
            Assert.Equal(bodies.Count, stats["corrections"]!.GetValue<long>());
        }

        // The grain's new host retrains the chapter from the assessments (a candidate: AutoPromote is off in the cluster).
        var versions = await WaitUntilAsync(async () =>
        {
            var list = await cluster.VersionsAsync(Chapter);
            return list.Any(v => v!["createdBy"]!.GetValue<string>() == "retrainer") ? list : null;
        }, "a retrained version of " + Chapter, TimeSpan.FromMinutes(2));
        var retrained = versions.Where(v => v!["createdBy"]!.GetValue<string>() == "retrainer").ToList();
        output.WriteLine($"retrained versions: {string.Join(", ", retrained.Select(v => v!["version"]!.GetValue<string>()))}");
        // One officer's identical correction, however often sent, is one training row.
        Assert.All(retrained, v => Assert.Equal("1", v!["trainingSummary"]!["officerRows"]!.GetValue<string>()));
        Assert.Equal([next], await cluster.OwnersAsync(Chapter));
    }

    private async Task<IReadOnlyList<int>> WaitForSingleHostAsync() =>
        await WaitUntilAsync(async () => await cluster.OwnersAsync(Chapter) is { Count: 1 } owners ? owners : null, $"exactly one silo hosting the retrainer of {Chapter}");

    private static async Task<T> WaitUntilAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (await probe() is { } value)
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) =>
        WaitUntilAsync(async () => await condition() ? "" : null, what);
}
