using System.Net;
using System.Net.Sockets;
using HsActors.Abstractions.Statistics;
using HsActors.Grains;
using HsActors.Grains.Classification;
using HsActors.Grains.Models;
using HsActors.Grains.Serving;
using HsActors.Grains.Statistics;
using HsActors.Nomenclature;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace HsActors.Silo.Hosting;

/// <summary>
/// Hosts the Orleans silo inside the ASP.NET Core process and registers what the grains and the per-silo model cache
/// need. Configuration picks the providers; the embedded default is one silo with localhost clustering.
/// </summary>
internal static class OrleansSiloServices
{
    public static WebApplicationBuilder AddOrleansSilo(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(OrleansSiloSettings.Section).Get<OrleansSiloSettings>() ?? new OrleansSiloSettings();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(PortOrFree(settings.SiloPort), settings.GatewayPort == 0 ? 0 : PortOrFree(settings.GatewayPort),
                serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = settings.CollectionAge);
            silo.Services.AddContractSerialization();
            // Orleans' own view of the cluster (grains, activations, silos), served under /dashboard to admin keys only.
            silo.AddDashboard();
        });

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NomenclatureLabels(HsNomenclature.Bundled));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SiloOptions>>().Value.Classification.ToOptions());
        services.AddSingleton<IImporterStatisticsStore>(sp => ImporterDeltaLog.Open(
            sp.GetRequiredService<IOptions<SiloOptions>>().Value.ImporterDirectory,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ImporterDeltaLog>()));
        services.AddSingleton(sp =>
        {
            // Only this silo writes its embedded delta log; any other store is shared, so cached reads must expire.
            var configured = sp.GetRequiredService<IOptions<SiloOptions>>().Value.Grains.ImporterStatisticsRefresh;
            var shared = sp.GetRequiredService<IImporterStatisticsStore>() is not ImporterDeltaLog;
            return new ImporterGrainOptions(configured ?? (shared ? TimeSpan.FromSeconds(1) : Timeout.InfiniteTimeSpan));
        });
        services.AddSingleton(sp => new ModelCache(
            sp.GetRequiredService<IModelStore>(), sp.GetRequiredService<NomenclatureLabels>(), sp.GetRequiredService<ClassificationOptions>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ModelPointerSubscription>();
        services.AddHostedService<ModelPointerService>();
        return builder;
    }

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
