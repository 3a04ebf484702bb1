using System.Net;
using System.Net.Sockets;
using HsActors.Grains;
using HsActors.Grains.Classification;
using HsActors.Grains.Models;
using HsActors.Grains.Serving;
using HsActors.Grains.Retraining;
using HsActors.Nomenclature;
using Microsoft.Extensions.Options;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using HsActors.Storage.FileSystem;
using HsActors.Streaming.Orleans;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Dashboard;

namespace HsActors.Silo.Hosting;

/// <summary>
/// Hosts the Orleans silo inside the ASP.NET Core process and registers what the grains and the per-silo model cache
/// need. Configuration picks the providers; the embedded default is one silo with localhost clustering.
/// </summary>
internal static class OrleansSiloServices
{
    private const string RabbitMqUriKey = $"{SiloOptions.Section}:RabbitMq:Uri";

    public static WebApplicationBuilder AddOrleansSilo(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(OrleansSiloSettings.Section).Get<OrleansSiloSettings>() ?? new OrleansSiloSettings();
        builder.UseOrleans(silo =>
        {
            var siloPort = PortOrFree(settings.SiloPort);
            var gatewayPort = settings.GatewayPort == 0 ? 0 : PortOrFree(settings.GatewayPort);
            if (settings.Clustering == OrleansClustering.AzureStorage)
            {
                if (string.IsNullOrWhiteSpace(builder.Configuration[PostgresBackendServices.ConnectionStringKey]))
                {
                    // The stream's consumer moves between silos: the overrides it writes and its checkpoint must be shared.
                    throw new InvalidOperationException(
                        $"{OrleansSiloSettings.Section}:{nameof(OrleansSiloSettings.Clustering)}={OrleansClustering.AzureStorage} needs {PostgresBackendServices.ConnectionStringKey} (overrides, audit trail and stream checkpoints shared by the silos).");
                }
                UseAzureStorage(silo, settings, AzureStorageConnectionString(builder.Configuration, settings), siloPort, gatewayPort);
            }
            else
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
                silo.Services.AddGrainStorage(GrainStorageNames.State, (sp, _) => new FileSystemGrainStorage(
                    new FileSystemBlobStore(DataPath(sp, "grain-state")), sp.GetRequiredService<Serializer>()));
                silo.AddReminders();
                silo.Services.AddSingleton<IReminderTable>(sp => new FileSystemReminderTable(new FileSystemBlobStore(DataPath(sp, "reminders"))));
            }
            // The retrainers' deadline reminder has HsActors:Retraining:MaxDelay as its period; Orleans' one-minute floor
            // gives way only to a setting (or test) that asks for less.
            var maxDelay = builder.Configuration.GetSection(ModelLifecycleSettings.RetrainingSection).Get<RetrainingOptions>()?.MaxDelay ?? new RetrainingOptions().MaxDelay;
            if (maxDelay < TimeSpan.FromMinutes(1))
            {
                silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = maxDelay);
            }
            // The local log never holds an assessment twice; a RabbitMQ stream can (a publish repeated after a lost confirm).
            silo.AddAssessmentStreams(dedupWindow: builder.Configuration[RabbitMqUriKey] is { Length: > 0 } ? 10_000 : 0, pollInterval: TimeSpan.FromMilliseconds(100));
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = settings.CollectionAge);
            if (settings.KubernetesHosting)
            {
                silo.UseKubernetesHosting();
            }
            silo.Services.AddContractSerialization();
            // Orleans' own view of the cluster (grains, activations, silos), served under /dashboard to admin keys only.
            silo.AddDashboard();
        });

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NomenclatureLabels(HsNomenclature.Bundled));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SiloOptions>>().Value.Classification.ToOptions());
        services.AddSingleton(sp => new ModelCache(
            sp.GetRequiredService<IModelStore>(), sp.GetRequiredService<NomenclatureLabels>(), sp.GetRequiredService<ClassificationOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetService<SemanticStage>()));
        services.AddSingleton(sp => new ChapterMapProjector(sp.GetRequiredService<ModelCache>()));
        services.AddSingleton<ModelPointerSubscription>();
        services.AddHostedService<ModelPointerService>();
        return builder;
    }

    private static string DataPath(IServiceProvider services, string name) =>
        Path.Combine(services.GetRequiredService<IOptions<SiloOptions>>().Value.ResolvedDataDirectory, name);

    /// <summary>Membership and reminders on Azure Table storage, grain state in Azure Blob storage, one account for all.</summary>
    private static void UseAzureStorage(ISiloBuilder silo, OrleansSiloSettings settings, string connectionString, int siloPort, int gatewayPort)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ServiceId = settings.ServiceId;
            o.ClusterId = settings.ClusterId;
        });
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = IPAddress.Parse(settings.AdvertisedAddress);
            o.SiloPort = siloPort;
            o.GatewayPort = gatewayPort;
        });
        silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(connectionString));
        silo.AddAzureBlobGrainStorage(GrainStorageNames.State, (OptionsBuilder<AzureBlobStorageOptions> options) => options.Configure<Serializer>((o, serializer) =>
        {
            o.BlobServiceClient = new BlobServiceClient(connectionString);
            o.ContainerName = settings.GrainStateContainer;
            // Orleans' own version-tolerant format, as on local disk. The provider's default JSON settings preserve
            // object references, which cannot be read back into records that share an instance (an empty tally).
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.UseAzureTableReminderService(o => o.TableServiceClient = new TableServiceClient(connectionString));
    }

    private static string AzureStorageConnectionString(IConfiguration configuration, OrleansSiloSettings settings) =>
        settings.AzureStorageConnectionString is { Length: > 0 } own ? own
        : configuration[$"{ModelLifecycleSettings.AzureBlobSection}:{nameof(AzureBlobSettings.ConnectionString)}"] is { Length: > 0 } models ? models
        : throw new InvalidOperationException(
            $"{OrleansSiloSettings.Section}:{nameof(OrleansSiloSettings.Clustering)} is {OrleansClustering.AzureStorage}: set {OrleansSiloSettings.Section}:{nameof(OrleansSiloSettings.AzureStorageConnectionString)} " +
            $"or {ModelLifecycleSettings.AzureBlobSection}:{nameof(AzureBlobSettings.ConnectionString)} (the same account serves both).");

    /// <summary>
    /// A free loopback port for 0. Probing and releasing leaves a short race with another process taking it; Orleans then
    /// fails to start loudly, which a configured port avoids.
    /// </summary>
    private static int PortOrFree(int port)
    {
        if (port != 0)
        {
            return port;
        }
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
