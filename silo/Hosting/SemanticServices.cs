using HsActors.Abstractions.Models;
using HsActors.Classification.Semantic;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Contracts;
using HsActors.Grains.Serving;
using HsActors.Nomenclature;
using Microsoft.Extensions.Options;

namespace HsActors.Silo.Hosting;

/// <summary>The semantic stage beside the hierarchy: registered only when <see cref="SemanticSettings.Enabled"/>.</summary>
internal static class SemanticServices
{
    public static IServiceCollection AddSemanticStage(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SemanticSettings.Section);
        services.Configure<SemanticSettings>(section);
        var settings = section.Get<SemanticSettings>() ?? new SemanticSettings();
        if (!settings.Enabled)
        {
            return services;
        }
        if (!ClassificationModes.IsKnown(settings.DefaultMode))
        {
            throw new InvalidOperationException(
                $"{SemanticSettings.Section}:{nameof(SemanticSettings.DefaultMode)} is '{settings.DefaultMode}'; use one of {string.Join(", ", ClassificationModes.All)}.");
        }
        services.AddSingleton(_ => new SemanticStage(
            new FusionOptions { CascadeThreshold = settings.CascadeThreshold },
            new IndonesianTextDetector(HsNomenclature.Bundled),
            new EmbeddingCache(Math.Max(1, settings.CacheCapacity)),
            settings.DefaultMode));
        services.AddSingleton(sp => new SemanticIndexLoader(
            sp.GetRequiredService<SemanticStage>(), sp.GetRequiredService<IModelRegistry>(),
            new EncoderOptions { IntraOpThreads = Math.Max(1, settings.EncoderThreads) }, sp.GetRequiredService<ILogger<SemanticIndexLoader>>()));
        services.AddHostedService<SemanticIndexService>();
        return services;
    }
}
