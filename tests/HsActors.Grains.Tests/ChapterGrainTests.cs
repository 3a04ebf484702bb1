using System.Diagnostics;
using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Models;
using Xunit.Abstractions;

namespace HsActors.Grains.Tests;

public sealed class ChapterGrainTests : IClassFixture<PointerCluster>
{
    private readonly PointerCluster _cluster;
    private readonly ITestOutputHelper _output;

    public ChapterGrainTests(PointerCluster cluster, ITestOutputHelper output) => (_cluster, _output) = (cluster, output);

    [Fact]
    public async Task APointerChangeIsPushedToEverySilo()
    {
        var version = await PublishAsync("84", "v1");
        var clock = Stopwatch.StartNew();
        var update = await _cluster.Registry.PromoteAsync("84", version, "tests");

        var silos = _cluster.Cluster.Silos;
        while (!silos.All(s => _cluster.Notices(s).HasSeen("84", update.Pointer.Revision)) && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(10);
        }
        Assert.All(silos, s => Assert.True(_cluster.Notices(s).HasSeen("84", update.Pointer.Revision), $"silo {s.SiloAddress} was not told"));
        // The figure, not a bound: the silos poll nothing here, so being told at all proves the push.
        _output.WriteLine($"every silo was told after {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task EditsFromEverySiloMeetOneActivationOfTheChapter()
    {
        var version = await PublishAsync("85", "v1");
        await _cluster.Registry.PromoteAsync("85", version, "tests");
        var second = await PublishAsync("85", "v2");

        // Each silo asks its own grain factory, the way each silo's admin endpoint does.
        var edits = _cluster.Cluster.Silos.Select((silo, i) =>
            ((IGrainFactory)_cluster.Services(silo).GetService(typeof(IGrainFactory))!)
                .GetGrain<IChapterGrain>("85")
                .EditPointerAsync(new PointerEditRequest(PointerAction.SetCanary, "tests", second, CanaryPercent: 10 * (i + 1))));
        var results = await Task.WhenAll(edits);

        Assert.All(results, r => Assert.NotNull(r.Update));
        // One activation applied them one at a time: three consecutive revisions, none lost to a concurrent write.
        Assert.Equal([2L, 3L, 4L], results.Select(r => r.Update!.Pointer.Revision).Order());
        var management = _cluster.Cluster.Client.GetGrain<IManagementGrain>(0);
        Assert.Equal(1, await management.GetGrainActivationCount((GrainReference)_cluster.Cluster.Client.GetGrain<IChapterGrain>("85")));
    }

    [Fact]
    public async Task AStaleETagIsAConflictThatTheCallerSeesAsTheRegistrysException()
    {
        var version = await PublishAsync("86", "v1");
        var first = await _cluster.Registry.PromoteAsync("86", version, "tests");
        await _cluster.Registry.PinAsync("86", "review", "tests", first.ETag);

        var conflict = await Assert.ThrowsAsync<ConcurrentPointerUpdateException>(() => _cluster.Registry.UnpinAsync("86", "tests", first.ETag));
        Assert.Equal(first.ETag, conflict.ExpectedETag);
        var pinned = await Assert.ThrowsAsync<ChapterPinnedException>(() => _cluster.Registry.AutoPromoteAsync("86", version, "retraining"));
        Assert.Equal("review", pinned.PinReason);
    }

    private async Task<string> PublishAsync(string chapter, string version)
    {
        var manifest = await _cluster.Registry.PublishAsync(chapter, new byte[] { 1, 2, 3, (byte)version.Length },
            new ModelVersionDraft { Version = version, CreatedBy = "tests" });
        return manifest.Version;
    }
}
