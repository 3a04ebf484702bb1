using System.Text.Json;
using HsActors.Abstractions.Audit;
using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Models;
using HsActors.Contracts.Models;
using HsActors.Grains.Models;
using HsActors.Grains.Retraining;
using HsActors.Grains.Serving;

namespace HsActors.Silo.Api;

/// <summary>What the admin endpoints read and write: the registry (its pointer changes go through the chapter grains), this silo's model cache, the retraining scheduler and the optional audit trail.</summary>
internal sealed class ModelAdministration(IServiceProvider services)
{
    public IModelRegistry Registry { get; } = services.GetRequiredService<IModelRegistry>();

    /// <summary>Null when the silo serves a plain model directory (no registry to publish retrained versions into).</summary>
    public RetrainingScheduler? Scheduler { get; } = services.GetRequiredService<IModelStore>() is RegistryModelStore ? services.GetRequiredService<RetrainingScheduler>() : null;

    private readonly IAuditTrail? _audit = services.GetService<IAuditTrail>();
    private readonly ModelCache _models = services.GetRequiredService<ModelCache>();

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
        else if (_models.Has(chapter))
        {
            served = ModelAdminViews.Served((await _models.GetAsync(chapter)).State());
        }
        return ModelAdminViews.Summary(chapter, pointer, served, Scheduler?.Status(chapter));
    }

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
