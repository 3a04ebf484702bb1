using HsActors.Abstractions.Models;
using HsActors.Classification.Semantic;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Contracts;
using HsActors.Grains.Retraining;
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
        if (settings.MaxConcurrentEncodes < 0)
        {
            throw new InvalidOperationException(
                $"{SemanticSettings.Section}:{nameof(SemanticSettings.MaxConcurrentEncodes)} is {settings.MaxConcurrentEncodes}; use 0 (no limit) or more.");
        }
        // One detector for lines and officers' rows alike: the same descriptions are passed over on both sides.
        services.AddSingleton(_ => new IndonesianTextDetector(HsNomenclature.Bundled));
        services.AddSingleton(_ => new EncoderAdmission(settings.MaxConcurrentEncodes));
        services.AddSingleton(sp => new SemanticStage(
            new FusionOptions { CascadeThreshold = settings.CascadeThreshold },
            sp.GetRequiredService<IndonesianTextDetector>(),
            new EmbeddingCache(Math.Max(1, settings.CacheCapacity)),
            settings.DefaultMode,
            sp.GetRequiredService<EncoderAdmission>()));
        services.AddSingleton(sp => new SemanticAssessmentLearner(
            sp.GetRequiredService<SemanticStage>(), sp.GetRequiredService<AssessmentLedger>(), sp.GetRequiredService<IndonesianTextDetector>(),
            sp.GetRequiredService<ILogger<SemanticAssessmentLearner>>()));
        // The ledger reader hands every assessment it reads to the learner, so each silo learns every officer's row.
        services.AddSingleton<IAssessmentLedgerObserver>(sp => sp.GetRequiredService<SemanticAssessmentLearner>());
        services.AddSingleton(sp => new SemanticIndexLoader(
            sp.GetRequiredService<SemanticStage>(), sp.GetRequiredService<IModelRegistry>(),
            new EncoderOptions { IntraOpThreads = Math.Max(1, settings.EncoderThreads) }, sp.GetRequiredService<SemanticAssessmentLearner>(),
            sp.GetRequiredService<ILogger<SemanticIndexLoader>>()));
        services.AddHostedService<SemanticIndexService>();
        return services;
    }
}
