using System.Text.Json;
using HsActors.Abstractions.Audit;
using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Models;
using HsActors.Contracts.Models;
using HsActors.Grains.Classification;
using HsActors.Grains.Models;
using HsActors.Grains.Retraining;

namespace HsActors.Silo.Api;

/// <summary>What the admin endpoints read and write: the registry, this silo's grains, the retraining scheduler and the optional audit trail.</summary>
internal sealed class ModelAdministration(IServiceProvider services)
{
    public IModelRegistry Registry { get; } = services.GetRequiredService<IModelRegistry>();

    /// <summary>Null when the silo serves a plain model directory (no registry to publish retrained versions into).</summary>
    public RetrainingScheduler? Scheduler { get; } = services.GetRequiredService<IModelStore>() is RegistryModelStore ? services.GetRequiredService<RetrainingScheduler>() : null;

    private readonly IAuditTrail? _audit = services.GetService<IAuditTrail>();
    private readonly IGrainFactory _grains = services.GetRequiredService<IGrainFactory>();
    private readonly ChapterGrainDirectory _chapters = services.GetRequiredService<ChapterGrainDirectory>();
    private readonly ModelPointerFollower _follower = services.GetRequiredService<ModelPointerFollower>();

    public async Task<ModelChapterSummary> SummaryAsync(string chapter, StoredPointer? pointer)
    {
        ServedModelState? served = null;
        if (chapter == IModelStore.RouterKey)
        {
            if (_follower.RouterActivated)
            {
                served = ModelAdminViews.Served(await _grains.GetGrain<IRouterGrain>(IRouterGrain.Key).GetModelVersionsAsync());
            }
        }
        else if (_chapters.IsActivated(chapter))
        {
            served = ModelAdminViews.Served(await _grains.GetGrain<IChapterGrain>(chapter).GetStateAsync());
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
