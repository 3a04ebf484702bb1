using HsActors.Abstractions.Audit;
using HsActors.Abstractions.Blobs;
using HsActors.Abstractions.Models;
using HsActors.Abstractions.Streaming;
using HsActors.Grains;
using HsActors.Grains.Serving;
using HsActors.Grains.Models;
using HsActors.Grains.Retraining;
using HsActors.ModelRegistry;
using HsActors.Storage.AzureBlob;
using HsActors.Storage.FileSystem;
using HsActors.Streaming.LocalLog;
using Microsoft.Extensions.Options;

namespace HsActors.Silo.Hosting;

/// <summary>
/// Versioned models and their lifecycle: the blob store and model registry the silo serves from, the pointer
/// owners' registry, the backstop poll, and what the retrainer grains train with: this silo's ledger of the assessment stream.
/// </summary>
internal static class ModelLifecycleServices
{
    public static IServiceCollection AddModelLifecycle(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ModelLifecycleSettings>(configuration.GetSection(ModelLifecycleSettings.ModelsSection));
        services.Configure<AzureBlobSettings>(configuration.GetSection(ModelLifecycleSettings.AzureBlobSection));
        // Bound lazily: the host's configuration is complete only when the services are built.
        services.Configure<RetrainingOptions>(configuration.GetSection(ModelLifecycleSettings.RetrainingSection));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RetrainingOptions>>().Value);

        services.AddSingleton<IBlobStore>(CreateBlobStore);
        // The chapter grains write the pointers through the registry itself; everything else reaches it through them.
        services.AddKeyedSingleton<IModelRegistry>(ChapterGrain.PointerRegistryKey, (sp, _) => new BlobModelRegistry(sp.GetRequiredService<IBlobStore>()));
        services.AddSingleton<IModelRegistry>(sp => new ChapterGrainRegistry(
            sp.GetRequiredKeyedService<IModelRegistry>(ChapterGrain.PointerRegistryKey), sp.GetRequiredService<IGrainFactory>()));
        services.AddSingleton<IModelStore>(sp => new RegistryModelStore(sp.GetRequiredKeyedService<IModelRegistry>(ChapterGrain.PointerRegistryKey), Describe(sp)));
        services.AddSingleton(sp => new ModelPointerFollower(
            sp.GetRequiredService<ModelCache>(), sp.GetRequiredService<IOptions<ModelLifecycleSettings>>().Value.PollInterval,
            sp.GetRequiredService<ILogger<ModelPointerFollower>>(), sp.GetService<SemanticIndexLoader>()));

        // The assessment stream the retrainers read is the one AddAssessmentIngress registers (local log or RabbitMQ).
        services.AddSingleton(sp => new ActiveModels(sp.GetRequiredService<IModelRegistry>()));
        services.AddSingleton(sp => new CandidateRelease(sp.GetRequiredService<IModelRegistry>(), sp.GetRequiredService<RetrainingOptions>(),
            sp.GetService<IAuditTrail>(), sp.GetRequiredService<ILogger<CandidateRelease>>()));
        services.AddSingleton(sp => new ChapterRetrainer(sp.GetRequiredService<ActiveModels>(), sp.GetRequiredService<CandidateRelease>(),
            sp.GetRequiredService<RetrainingOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new RouterRetrainer(sp.GetRequiredService<ActiveModels>(), sp.GetRequiredService<CandidateRelease>(),
            sp.GetRequiredService<RetrainingOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AssessmentLedger>();
        services.AddSingleton<IChapterTraining>(sp => new LedgerChapterTraining(sp.GetRequiredService<AssessmentLedger>(), sp.GetRequiredService<ActiveModels>(),
            sp.GetRequiredService<ChapterRetrainer>(), sp.GetRequiredService<RouterRetrainer>(), sp.GetRequiredService<RetrainingOptions>()));
        services.AddSingleton(sp => new AssessmentLedgerReader(sp.GetRequiredService<IAssessmentStream>(), sp.GetRequiredService<AssessmentLedger>(),
            sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<AssessmentLedgerReader>>(),
            sp.GetService<IAssessmentLedgerObserver>()));
        services.AddHostedService<RetrainingService>();
        return services;
    }

    private static IBlobStore CreateBlobStore(IServiceProvider services)
    {
        var azure = services.GetRequiredService<IOptions<AzureBlobSettings>>().Value;
        if (azure.IsConfigured)
        {
            return AzureBlobStore.Create(azure.ToStoreOptions());
        }
        return new FileSystemBlobStore(Path.Combine(services.GetRequiredService<IOptions<SiloOptions>>().Value.ResolvedDataDirectory, "registry"));
    }

    private static string Describe(IServiceProvider services) => services.GetRequiredService<IBlobStore>() switch
    {
        AzureBlobStore store => $"model registry in Azure Blob container {store.ContainerUrl}",
        FileSystemBlobStore store => $"model registry in {store.RootDirectory}",
        _ => "model registry",
    };
}
