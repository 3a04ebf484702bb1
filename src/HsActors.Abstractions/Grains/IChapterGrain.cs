using HsActors.Abstractions.Models;

namespace HsActors.Abstractions.Grains;

/// <summary>
/// The owner of one model pointer (key: a two-digit chapter, or "router"): one activation in the cluster, and the only
/// writer of the pointer document, which stays in blob storage as the durable record and is changed by compare-and-swap.
/// After each change it tells every silo through the <see cref="IModelPointerHubGrain"/>.
/// </summary>
[Alias("hsactors.chapter")]
public interface IChapterGrain : IGrainWithStringKey
{
    /// <summary>Applies one administrative or automatic change; a refusal comes back as <see cref="PointerEditResult.Failure"/>.</summary>
    [Alias("edit")]
    Task<PointerEditResult> EditPointerAsync(PointerEditRequest request);
}
