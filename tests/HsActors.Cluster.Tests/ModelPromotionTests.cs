using System.Diagnostics;
using HsActors.Silo.Tests;
using Xunit.Abstractions;

namespace HsActors.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ModelPromotionTests(SiloCluster cluster, ITestOutputHelper output)
{
    // Rubber: no test assesses it, so no retraining touches its versions.
    private const string Chapter = "40";
    private const string Line = "tyres of rubber for motor cars, new pneumatic";

    [Fact]
    public async Task A_version_promoted_or_rolled_back_through_one_silo_is_pushed_to_and_served_by_all_three()
    {
        await cluster.EnsureAllRunningAsync();
        var (active, copy) = await cluster.PublishCopyAsync(Chapter);
        foreach (var (_, silo) in cluster.Running)
            Assert.Equal(active, await ServedVersionAsync(silo));

        using (var admin = cluster[0].Client(TestKeys.Admin))
        {
            var delays = await MeasureAsync(copy, () => admin.PostAsync($"/v1/admin/models/{Chapter}/promote",
                Json.Body(new { version = copy, reason = "cluster test: promote" })));
            output.WriteLine($"promote through silo 0: served by silos after {Describe(delays)}");
        }
        using (var admin = cluster[1].Client(TestKeys.Admin))
        {
            var delays = await MeasureAsync(active, () => admin.PostAsync($"/v1/admin/models/{Chapter}/rollback",
                Json.Body(new { reason = "cluster test: rollback" })));
            output.WriteLine($"rollback through silo 1: served by silos after {Describe(delays)}");
        }
    }

    /// <summary>Changes the pointer, then polls every silo until it serves <paramref name="expected"/>; the delay per silo from the change's answer.</summary>
    private async Task<double[]> MeasureAsync(string expected, Func<Task<HttpResponseMessage>> change)
    {
        using var response = await change();
        Assert.True(response.IsSuccessStatusCode, $"The pointer change answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var clock = Stopwatch.StartNew();
        var delays = await Task.WhenAll(cluster.Running.Select(async s =>
        {
            while (await ServedVersionAsync(s.Silo) != expected)
            {
                // A hang guard, not a speed goal (the figure printed is the measurement; the silos' poll is an hour, so
                // only the pushed notice can deliver the change): loading on a loaded CI machine must not fail the test.
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"Silo {s.Index} still serves another version of {Chapter} after {clock.Elapsed}.");
                await Task.Delay(10);
            }
            return clock.Elapsed.TotalMilliseconds;
        }));
        Assert.Equal(SiloCluster.Size, delays.Length);
        return delays;
    }

    private static async Task<string> ServedVersionAsync(SiloProcess silo)
    {
        using var hub = silo.Client(TestKeys.Hub);
        var answer = await Json.PostOkAsync(hub, "/v1/classify", new { description = Line });
        return answer["modelVersions"]![Chapter]!.GetValue<string>();
    }

    private static string Describe(double[] delays) => string.Join(", ", delays.Select(d => $"{d:F0} ms"));
}
