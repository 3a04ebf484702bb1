using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Models;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;

namespace HsActors.Grains.Tests;

/// <summary>Its own cluster: the test stops a silo.</summary>
public sealed class PointerHubFailoverTests(PointerCluster cluster) : IClassFixture<PointerCluster>
{
    [Fact]
    public async Task AfterTheHubsSiloLeavesTheNextChangeStillReachesEverySiloThatDidNotRenew()
    {
        var management = cluster.Cluster.Client.GetGrain<IManagementGrain>(0);
        var hub = cluster.Cluster.Client.GetGrain<IModelPointerHubGrain>(IModelPointerHubGrain.Key);
        // The primary silo holds the test cluster's membership and must stay; move the hub off it if it landed there.
        var primary = cluster.Cluster.Silos[0].SiloAddress;
        var host = await HostOfHubAsync(management, hub);
        // Neither an activation collection nor a deactivation moved it in practice (it came back on the same silo): ask it
        // to migrate, which places it anew away from its silo, then call it from another silo.
        var other = cluster.Services(cluster.Cluster.Silos[1]).GetRequiredService<IGrainFactory>().GetGrain<IModelPointerHubGrain>(IModelPointerHubGrain.Key);
        for (var attempt = 0; (host is null || host == primary) && attempt < 20; attempt++)
        {
            await hub.AsReference<IGrainManagementExtension>().MigrateOnIdle();
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            await other.PublishAsync("moving", attempt);
            host = await HostOfHubAsync(management, hub);
        }
        Assert.NotNull(host);
        Assert.NotEqual(primary, host);

        await cluster.Cluster.StopSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress == host));

        // The observers never renew, so only the list the hub kept can bring the notice to them.
        await cluster.Registry.PublishAsync("61", new byte[] { 6, 1 }, new ModelVersionDraft { Version = "v1", CreatedBy = "tests" });
        var update = await cluster.Registry.PromoteAsync("61", "v1", "tests");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var remaining = cluster.Cluster.Silos.Where(s => s.SiloAddress != host).ToList();
        while (!remaining.All(s => cluster.Notices(s).HasSeen("61", update.Pointer.Revision)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Equal(2, remaining.Count);
        Assert.All(remaining, s => Assert.True(cluster.Notices(s).HasSeen("61", update.Pointer.Revision), $"silo {s.SiloAddress} was not told"));
        Assert.NotEqual(host, await HostOfHubAsync(management, hub));
    }

    private static async Task<SiloAddress?> HostOfHubAsync(IManagementGrain management, IModelPointerHubGrain hub)
    {
        var activations = await management.GetDetailedGrainStatistics();
        return activations.SingleOrDefault(a => a.GrainId == hub.GetGrainId())?.SiloAddress;
    }
}
