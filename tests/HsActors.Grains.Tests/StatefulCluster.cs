using HsActors.Grains.Retraining;
using HsActors.Storage.FileSystem;
using HsActors.Storage.Tests;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace HsActors.Grains.Tests;

/// <summary>
/// Three silos in one process with the embedded silo's durable providers, grain state and reminders on directories they
/// share (as the silos of a cluster share one store); their retrainer grains train through a <see cref="CountingTraining"/> each.
/// </summary>
public sealed class StatefulCluster : IAsyncLifetime
{
    public const int SiloCount = 3;

    /// <summary>Short, so a deadline test waits seconds, not the ten minutes of the default.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(6);

    private readonly TemporaryDirectory _reminders = new("grains-reminders");
    private readonly TemporaryDirectory _state = new("grains-state");

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TrainingLedger Ledger { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(SiloCount);
        var reminders = _reminders.Path;
        var state = _state.Path;
        var ledger = Ledger;
        builder.ConfigureClient(client => client.Services.AddContractSerialization());
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddContractSerialization();
            silo.AddReminders();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddGrainStorage(GrainStorageNames.State, (sp, _) => new FileSystemGrainStorage(new FileSystemBlobStore(state), sp.GetRequiredService<Serializer>()));
            silo.Services
                .AddSingleton<IReminderTable>(_ => new FileSystemReminderTable(new FileSystemBlobStore(reminders)))
                .AddSingleton(new RetrainingOptions { MaxDelay = MaxDelay, CheckInterval = TimeSpan.FromMilliseconds(100), MinAssessments = 3 })
                .AddSingleton(TimeProvider.System)
                .AddSingleton<IChapterTraining>(sp => new CountingTraining(ledger, sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString()));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public IGrainFactory Grains(InProcessSiloHandle silo) => Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<IGrainFactory>();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        _reminders.Dispose();
        _state.Dispose();
    }
}
