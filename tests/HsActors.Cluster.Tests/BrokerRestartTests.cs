using System.Diagnostics;
using HsActors.Silo.Tests;
using Xunit.Abstractions;

namespace HsActors.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class BrokerRestartTests(SiloCluster cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task After_RabbitMQ_restarts_during_traffic_the_silos_reconnect_and_every_acknowledged_assessment_survives()
    {
        await cluster.EnsureAllRunningAsync();
        var importer = $"IMP-D-{Guid.NewGuid():N}"[..16];
        var footwear = Assessments.LineOf("64");
        var bodies = Enumerable.Range(0, 40)
            .Select(i => Assessments.Body($"{importer}-{i}", "leather boots", footwear, importer))
            .ToList();
        var traffic = new AssessmentTraffic(cluster);

        var streaming = traffic.RunAsync(bodies);
        var before = await WaitForAcknowledgedAsync(traffic, 8);
        var clock = Stopwatch.StartNew();
        await cluster.Broker.RestartAsync();
        output.WriteLine($"RabbitMQ restarted in {clock.ElapsedMilliseconds} ms with {before} of {bodies.Count} acknowledged before");
        await streaming;
        output.WriteLine($"all {bodies.Count} acknowledged {clock.ElapsedMilliseconds} ms after the restart began; {traffic.FailedAttempts} failed attempts retried");

        var copies = await StreamContents.AssertAllAcknowledgedAreStoredAsync(cluster, traffic.Acknowledged);
        output.WriteLine($"stream copies beyond the first: {copies}");
        // Each silo's stream consumers resumed after the restart: every silo shows every assessment, counted once.
        foreach (var (_, silo) in cluster.Running)
        {
            using var officer = silo.Client(TestKeys.Officer);
            var stats = await Assessments.WaitForStatisticsAsync(officer, importer, s => s["assessments"]!.GetValue<long>() >= bodies.Count);
            Assert.Equal(bodies.Count, stats["assessments"]!.GetValue<long>());
            using var probe = new HttpClient { BaseAddress = silo.BaseAddress };
            Assert.True((await probe.GetAsync("/health/ready")).IsSuccessStatusCode);
        }
        // The ownership queues are back too: chapter 64 (on every ledger now) has exactly one owner again.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await cluster.OwnersAsync("64")).Count != 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "Chapter 64 did not get exactly one owner after the broker restart.");
            await Task.Delay(100);
        }
    }

    private static async Task<int> WaitForAcknowledgedAsync(AssessmentTraffic traffic, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (traffic.AcknowledgedCount < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Only {traffic.AcknowledgedCount} assessments acknowledged before the restart.");
            await Task.Delay(20);
        }
        return traffic.AcknowledgedCount;
    }
}
