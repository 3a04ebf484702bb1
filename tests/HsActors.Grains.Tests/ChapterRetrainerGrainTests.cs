using System.Diagnostics;
using HsActors.Abstractions.Grains;

namespace HsActors.Grains.Tests;

public sealed class ChapterRetrainerGrainTests(StatefulCluster cluster) : IClassFixture<StatefulCluster>
{
    [Fact]
    public async Task WakesFromEverySiloMeetOneRetrainerThatTrainsOnceTheCountIsReached()
    {
        cluster.Ledger.Assess("71", 2);
        await WakeFromEverySiloAsync("71");
        await Task.Delay(500);
        Assert.Empty(cluster.Ledger.Runs("71")); // two of three: below the count, and the deadline is not yet due

        cluster.Ledger.Assess("71", 1);
        await WakeFromEverySiloAsync("71");
        await WaitUntilAsync(() => cluster.Ledger.Runs("71").Count > 0, "a run of 71");
        await Task.Delay(500);

        var run = Assert.Single(cluster.Ledger.Runs("71"));
        Assert.Equal(3, run.Through);
        var management = cluster.Cluster.Client.GetGrain<IManagementGrain>(0);
        Assert.Equal(1, await management.GetGrainActivationCount((GrainReference)cluster.Cluster.Client.GetGrain<IChapterRetrainerGrain>("71")));
        var status = await cluster.Cluster.Client.GetGrain<IChapterRetrainerGrain>("71").GetStatusAsync();
        Assert.Equal((0, 3L, run.Silo), (status.Pending, status.AssessmentsThrough, status.Silo));
        Assert.Equal("v3", status.Last?.Version);
    }

    [Fact]
    public async Task TheDeadlineReminderRetrainsAKeyThatNeverReachesTheCount()
    {
        cluster.Ledger.Assess("72", 1);
        var clock = Stopwatch.StartNew();
        await cluster.Cluster.Client.GetGrain<IChapterRetrainerGrain>("72").WakeAsync();
        await WaitUntilAsync(async () => (await cluster.Cluster.Client.GetGrain<IChapterRetrainerGrain>("72").GetStatusAsync()).DeadlineSet, "the deadline of 72");

        await WaitUntilAsync(() => cluster.Ledger.Runs("72").Count > 0, "the deadline's run of 72");
        Assert.True(clock.Elapsed >= StatefulCluster.MaxDelay, $"trained after {clock.Elapsed.TotalSeconds:0.0} s, before its deadline");
        Assert.Equal(1, Assert.Single(cluster.Ledger.Runs("72")).Through);
        await WaitUntilAsync(async () => !(await cluster.Cluster.Client.GetGrain<IChapterRetrainerGrain>("72").GetStatusAsync()).DeadlineSet,
            "the deadline of 72 to be cleared once nothing waits");
    }

    [Fact]
    public async Task WhenTheHostingSiloLeavesTheDurableReminderBringsTheRetrainerBackOnAnotherSilo()
    {
        // A key whose retrainer lands on a secondary silo: the primary holds the test cluster's membership.
        var primary = cluster.Cluster.Silos[0].SiloAddress.ToString();
        string key = "", host = "";
        foreach (var candidate in Enumerable.Range(40, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            cluster.Ledger.Assess(candidate, 1);
            await cluster.Cluster.Client.GetGrain<IChapterRetrainerGrain>(candidate).WakeAsync();
            var status = await cluster.Cluster.Client.GetGrain<IChapterRetrainerGrain>(candidate).GetStatusAsync();
            if (status.Silo != primary)
            {
                (key, host) = (candidate, status.Silo);
                break;
            }
        }
        Assert.NotEqual("", key);
        await WaitUntilAsync(async () => (await cluster.Cluster.Client.GetGrain<IChapterRetrainerGrain>(key).GetStatusAsync()).DeadlineSet, "the deadline of " + key);

        // Nothing calls the grain from here on: only the reminder can bring it back.
        await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.ToString() == host));

        await WaitUntilAsync(() => cluster.Ledger.Runs(key).Count > 0, $"the run of {key} after its silo left", TimeSpan.FromSeconds(60));
        var run = Assert.Single(cluster.Ledger.Runs(key));
        Assert.NotEqual(host, run.Silo);
        Assert.Equal(1, run.Through);
    }

    private async Task WakeFromEverySiloAsync(string key)
    {
        foreach (var silo in cluster.Cluster.Silos)
        {
            await cluster.Grains(silo).GetGrain<IChapterRetrainerGrain>(key).WakeAsync();
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, timeout);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }
            await Task.Delay(50);
        }
    }
}
