using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Statistics;

namespace HsActors.Grains.Tests;

public sealed class ImporterGrainTests(StatefulCluster cluster) : IClassFixture<StatefulCluster>
{
    [Fact]
    public async Task RecordingsThroughEverySiloAddUpExactlyAndSurviveTheGrainsDeactivation()
    {
        const string importer = "IMP-GRAINS/1 x";
        var recordings = cluster.Cluster.Silos.SelectMany((silo, s) => Enumerable.Range(0, 10).Select(i =>
            cluster.Grains(silo).GetGrain<IImporterGrain>(importer).RecordAsync(new ImporterDelta
            {
                ImporterId = importer,
                At = DateTimeOffset.UtcNow,
                Declarations = 1,
                Codes = new Dictionary<string, long> { [i % 2 == 0 ? "09012100" : "87141090"] = 1 },
                OriginCountries = new Dictionary<string, long> { ["CN"] = 1 },
            })));
        await Task.WhenAll(recordings);

        var grain = cluster.Cluster.Client.GetGrain<IImporterGrain>(importer);
        var before = await grain.GetStatisticsAsync();
        Assert.Equal(10 * cluster.Cluster.Silos.Count, before.Declarations);

        // Collect every idle activation: the next call reads the state back from storage.
        var management = cluster.Cluster.Client.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await WaitUntilDeactivatedAsync(management, (GrainReference)grain);

        var after = await grain.GetStatisticsAsync();
        Assert.Equal(before.Declarations, after.Declarations);
        Assert.Equal(before.Codes.OrderBy(c => c.Key).Select(c => (c.Key, c.Value.Count)), after.Codes.OrderBy(c => c.Key).Select(c => (c.Key, c.Value.Count)));
        Assert.Equal(before.Chapters.Keys.Order(), after.Chapters.Keys.Order());
        Assert.Equal(10 * cluster.Cluster.Silos.Count, after.OriginCountries["CN"].Count);
        Assert.Empty(after.Agents);
    }

    private static async Task WaitUntilDeactivatedAsync(IManagementGrain management, GrainReference grain)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await management.GetGrainActivationCount(grain) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the importer grain was not collected");
            await Task.Delay(50);
        }
    }
}
