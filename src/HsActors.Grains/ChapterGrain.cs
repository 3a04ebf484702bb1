using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains;

/// <summary>
/// The one writer of a chapter's (or the router's) model pointer in the cluster. The pointer document in blob storage
/// stays the durable record and every change is a compare-and-swap on it, so the grain keeps no state of its own: an
/// activation that moves to another silo after a crash simply goes on from the document. Changes to one pointer are
/// applied one at a time (one turn each), then announced to every silo through the pointer hub.
/// </summary>
public sealed class ChapterGrain([FromKeyedServices(ChapterGrain.PointerRegistryKey)] IModelRegistry registry, ILogger<ChapterGrain> logger)
    : Grain, IChapterGrain
{
    /// <summary>The service key of the registry the pointer owners write through (everyone else gets <see cref="Models.ChapterGrainRegistry"/>).</summary>
    public const string PointerRegistryKey = "pointer-owners";

    public async Task<PointerEditResult> EditPointerAsync(PointerEditRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = this.GetPrimaryKeyString();
        PointerUpdate update;
        try
        {
            update = await ApplyAsync(key, request);
        }
        catch (Exception e) when (PointerEditResult.Refused(e) is { } refused)
        {
            return refused;
        }
        try
        {
            await GrainFactory.GetGrain<IModelPointerHubGrain>(IModelPointerHubGrain.Key).PublishAsync(key, update.Pointer.Revision);
        }
        catch (Exception e)
        {
            // The change is durable; the silos' backstop poll finds it even when the notice could not be sent.
            logger.LogWarning(e, "Pointer {Key} changed to revision {Revision}, but the notice to the silos failed.", key, update.Pointer.Revision);
        }
        return PointerEditResult.Succeeded(update);
    }

    private Task<PointerUpdate> ApplyAsync(string key, PointerEditRequest r) => r.Action switch
    {
        PointerAction.Promote => registry.PromoteAsync(key, Required(r.Version), r.By, r.ExpectedETag, r.Reason),
        PointerAction.AutoPromote => registry.AutoPromoteAsync(key, Required(r.Version), r.By, r.ExpectedETag, r.Reason),
        PointerAction.Rollback => registry.RollbackAsync(key, r.Version, r.By, r.ExpectedETag, r.Reason),
        PointerAction.SetCanary => registry.SetCanaryAsync(key, Required(r.Version), r.CanaryPercent ?? 0, r.By, r.ExpectedETag, r.Reason),
        PointerAction.ClearCanary => registry.ClearCanaryAsync(key, r.By, r.ExpectedETag, r.Reason),
        PointerAction.SetShadow => registry.SetShadowAsync(key, Required(r.Version), r.By, r.ExpectedETag, r.Reason),
        PointerAction.ClearShadow => registry.ClearShadowAsync(key, r.By, r.ExpectedETag, r.Reason),
        PointerAction.Pin => registry.PinAsync(key, r.Reason ?? "", r.By, r.ExpectedETag),
        PointerAction.Unpin => registry.UnpinAsync(key, r.By, r.ExpectedETag, r.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(r), r.Action, "Unknown pointer action."),
    };

    private static string Required(string? version) =>
        version ?? throw new ArgumentException("This pointer change names a version.", nameof(version));
}
