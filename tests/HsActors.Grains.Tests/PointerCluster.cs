using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Models;
using HsActors.Grains;
using HsActors.ModelRegistry;
using HsActors.Storage.FileSystem;
using HsActors.Storage.Tests;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace HsActors.Grains.Tests;

/// <summary>
/// Three silos in one process (Orleans' in-process test cluster) sharing one model registry and one grain state
/// directory on local disk, each with a
/// <see cref="PointerNotices"/> observer subscribed to the pointer hub, as a silo's model cache is.
/// </summary>
public sealed class PointerCluster : IAsyncLifetime
{
    public const int SiloCount = 3;

    private readonly TemporaryDirectory _registry = new("grains-registry");
    private readonly TemporaryDirectory _state = new("grains-state");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>The registry as a client of the grains sees it.</summary>
    public IModelRegistry Registry { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(SiloCount);
        var root = _registry.Path;
        var state = _state.Path;
        builder.ConfigureClient(client => client.Services.AddContractSerialization());
        builder.ConfigureSilo((_, silo) => silo.Services
            .AddContractSerialization()
            .AddGrainStorage(GrainStorageNames.State, (sp, _) => new FileSystemGrainStorage(new FileSystemBlobStore(state), sp.GetRequiredService<Serializer>()))
            .AddKeyedSingleton<IModelRegistry>(ChapterGrain.PointerRegistryKey, (_, _) => new BlobModelRegistry(new FileSystemBlobStore(root)))
            .AddSingleton<PointerNotices>());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Registry = new Models.ChapterGrainRegistry(new BlobModelRegistry(new FileSystemBlobStore(root)), Cluster.Client);
        foreach (var silo in Cluster.Silos)
        {
            await Notices(silo).SubscribeAsync();
        }
    }

    public PointerNotices Notices(InProcessSiloHandle silo) => Services(silo).GetRequiredService<PointerNotices>();

    public IServiceProvider Services(InProcessSiloHandle silo) => Cluster.GetSiloServiceProvider(silo.SiloAddress);

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _registry.Dispose();
        _state.Dispose();
    }
}

/// <summary>A silo's record of the pointer changes the hub told it of.</summary>
public sealed class PointerNotices(IGrainFactory grains) : IModelPointerObserver
{
    private readonly List<(string Key, long Revision)> _received = [];
    private readonly Lock _gate = new();

    public async Task SubscribeAsync()
    {
        var self = grains.CreateObjectReference<IModelPointerObserver>(this);
        await grains.GetGrain<IModelPointerHubGrain>(IModelPointerHubGrain.Key).SubscribeAsync(self);
    }

    public bool HasSeen(string key, long revision)
    {
        lock (_gate)
        {
            return _received.Contains((key, revision));
        }
    }

    public Task PointerChangedAsync(string key, long revision)
    {
        lock (_gate)
        {
            _received.Add((key, revision));
        }
        return Task.CompletedTask;
    }
}
