using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Overrides;
using HsActors.Abstractions.Statistics;
using HsActors.Grains;
using HsActors.Grains.Classification;
using HsActors.Grains.Models;
using HsActors.Grains.Runtime;
using HsActors.Grains.Statistics;
using HsActors.Nomenclature;
using Microsoft.Extensions.Options;

namespace HsActors.Silo.Hosting;

/// <summary>Wires the grain runtime, its grain types and the embedded stores into the host's services.</summary>
internal static class GrainSiloServices
{
    public static IServiceCollection AddGrainSilo(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NomenclatureLabels(HsNomenclature.Bundled));
        services.AddSingleton<IImporterStatisticsStore>(sp => ImporterDeltaLog.Open(
            sp.GetRequiredService<IOptions<SiloOptions>>().Value.ImporterDirectory,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ImporterDeltaLog>()));
        services.AddSingleton(CreateGrains);
        services.AddSingleton(sp => sp.GetRequiredService<SiloGrains>().Runtime);
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddSingleton(sp => sp.GetRequiredService<SiloGrains>().Chapters);
        return services;
    }

    private static SiloGrains CreateGrains(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<SiloOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var store = services.GetRequiredService<IModelStore>();
        var statistics = services.GetRequiredService<IImporterStatisticsStore>();
        var labels = services.GetRequiredService<NomenclatureLabels>();
        var classification = options.Classification.ToOptions();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var runtime = new GrainRuntime(new GrainRuntimeOptions { CollectionPeriod = options.Grains.CollectionPeriod }, loggers, time);

        var chapterTable = runtime.Register<IChapterGrain, ChapterGrain>(_ => new ChapterGrain(store, time, loggers.CreateLogger<ChapterGrain>()), options.Grains.ChapterIdleTimeout);
        var chapters = new ChapterGrainDirectory(chapterTable);
        // Only this silo writes its embedded delta log; any other store is shared, so cached reads must expire.
        var importerRefresh = options.Grains.ImporterStatisticsRefresh
            ?? (statistics is ImporterDeltaLog ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(1));
        runtime.Register<IImporterGrain, ImporterGrain>(_ => new ImporterGrain(statistics, importerRefresh, time), options.Grains.ImporterIdleTimeout);
        // The router holds the largest model and is used by every request: it stays for the silo's lifetime.
        runtime.Register<IRouterGrain, RouterGrain>(
            _ => new RouterGrain(store, chapters, runtime, labels, classification, time, loggers.CreateLogger<RouterGrain>(), services.GetService<IOverrideStore>()),
            Timeout.InfiniteTimeSpan);
        runtime.Start();
        return new SiloGrains(runtime, chapters);
    }

    /// <summary>The runtime and the chapters' hot-path directory are built together because both need the chapter table.</summary>
    private sealed record SiloGrains(GrainRuntime Runtime, ChapterGrainDirectory Chapters);
}
