using System.Text.Json;
using HsActors.Abstractions.Audit;
using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Models;
using HsActors.Abstractions.Retraining;
using HsActors.Contracts.Models;
using HsActors.Grains.Models;
using HsActors.Grains.Retraining;
using HsActors.Grains.Serving;

namespace HsActors.Silo.Api;

/// <summary>What the admin endpoints read and write: the registry (its pointer changes go through the chapter grains), this silo's model cache, the retrainer grains and the optional audit trail.</summary>
internal sealed class ModelAdministration(IServiceProvider services)
{
    public IModelRegistry Registry { get; } = services.GetRequiredService<IModelRegistry>();

    /// <summary>False when the silo serves a plain model directory (no registry to publish retrained versions into).</summary>
    public bool Retrains { get; } = services.GetRequiredService<IModelStore>() is RegistryModelStore;

    private readonly IGrainFactory _grains = services.GetRequiredService<IGrainFactory>();
    private readonly AssessmentLedger _ledger = services.GetRequiredService<AssessmentLedger>();
    private readonly string _silo = services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();

    private readonly IAuditTrail? _audit = services.GetService<IAuditTrail>();
    private readonly ModelCache _models = services.GetRequiredService<ModelCache>();
    private readonly SemanticStage? _semantic = services.GetService<SemanticStage>();

    public async Task<ModelChapterSummary> SummaryAsync(string chapter, StoredPointer? pointer)
    {
        ServedModelState? served = null;
        if (chapter == IModelStore.RouterKey)
        {
            if (_models.RouterLoaded)
            {
                served = ModelAdminViews.Served(_models.Versions());
            }
        }
        else if (chapter == SemanticStage.RegistryKey)
        {
            if (_semantic?.IndexVersion is { } version)
            {
                served = ModelAdminViews.SemanticIndex(version);
            }
        }
        else if (_models.Has(chapter))
        {
            served = ModelAdminViews.Served((await _models.GetAsync(chapter)).State());
        }
        return ModelAdminViews.Summary(chapter, pointer, served, await RetrainingAsync(chapter), _silo);
    }

    public Task<bool> RequestRetrainingAsync(string chapter) => _grains.GetGrain<IChapterRetrainerGrain>(chapter).RequestAsync();

    // A key no assessment has touched has nothing to show; asking its grain would only activate it.
    private async Task<RetrainingStatus?> RetrainingAsync(string chapter) =>
        Retrains && _ledger.CountFrom(chapter, 0) > 0 ? await _grains.GetGrain<IChapterRetrainerGrain>(chapter).GetStatusAsync() : null;

    public async Task AuditAsync(PointerUpdate update, string by, CancellationToken cancellationToken)
    {
        if (_audit is not null)
        {
            await _audit.AppendDurableAsync(
                new AuditEntry(update.Change.Id, AuditKind.ModelPointer, update.Change.At, by, update.Change.Chapter, JsonSerializer.Serialize(update.Change)),
                cancellationToken);
        }
    }
}
