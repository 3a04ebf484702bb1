using HsActors.Abstractions.Grains;
using HsActors.Grains.Models;
using HsActors.Grains.Runtime;
using HsActors.Learning;
using HsActors.Nomenclature;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains;

/// <summary>
/// Holds what one chapter serves: the active version, a canary taking a stable share of request keys, and a shadow
/// compared off the response path. Readers take <see cref="Serving"/> without a turn; a refresh loads the versions the
/// pointer names inside a turn and replaces the snapshot in one volatile write, so a line being ranked keeps the
/// version it started with and no request fails during a swap. A version that fails to load is refused: the previous
/// snapshot keeps serving and the fault is reported.
/// </summary>
public sealed class ChapterGrain(IModelStore store, TimeProvider time, ILogger<ChapterGrain> logger) : Grain, IChapterGrain
{
    private volatile ChapterServing _serving = ChapterServing.None(time.GetUtcNow());
    private volatile ModelLoadFault? _fault;
    private ShadowComparer? _shadow;

    /// <summary>The current snapshot; <see cref="ChapterServing.Active"/> is null when the chapter has no model.</summary>
    public ChapterServing Serving => _serving;

    /// <summary>The active version; null before activation or when the chapter has no model.</summary>
    public VersionedChapter? Current => _serving.Active?.Chapter;

    public HsCode Chapter => HsCode.Parse(Key);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!HsCode.TryParse(Key, out var chapter) || chapter.Level != 2)
        {
            throw new ArgumentException($"A chapter grain's key is a two-digit chapter, not '{Key}'.");
        }
        await LoadAsync(firstLoad: true, cancellationToken).ConfigureAwait(false);
    }

    public override async Task OnDeactivateAsync(CancellationToken cancellationToken)
    {
        if (_shadow is not null)
        {
            await _shadow.DisposeAsync().ConfigureAwait(false);
            _shadow = null;
        }
    }

    public Task<ChapterModelState> GetStateAsync() => Task.FromResult(State());

    public async Task<ChapterModelState> RefreshAsync()
    {
        await LoadAsync(firstLoad: false, CancellationToken.None).ConfigureAwait(false);
        return State();
    }

    /// <summary>Hot path: hands the line to the shadow comparison when this chapter has a shadow; never blocks.</summary>
    public void OfferShadow(in SparseVector features)
    {
        if (_serving.Shadow is not null)
        {
            _shadow?.Offer(features);
        }
    }

    private async Task LoadAsync(bool firstLoad, CancellationToken cancellationToken)
    {
        var before = _serving;
        var stored = await store.ReadPointerAsync(Key, cancellationToken).ConfigureAwait(false);
        if (!firstLoad && stored?.ETag == before.ETag)
        {
            return;
        }
        if (stored is null || stored.Pointer.ActiveVersion is null)
        {
            _serving = ChapterServing.None(time.GetUtcNow());
            return;
        }
        var pointer = stored.Pointer;
        var loading = "";
        try
        {
            loading = pointer.ActiveVersion;
            var active = await LoadVersionAsync(before, pointer.ActiveVersion, cancellationToken).ConfigureAwait(false);
            loading = pointer.CanaryVersion ?? "";
            var canary = pointer.CanaryVersion is { } c ? await LoadVersionAsync(before, c, cancellationToken).ConfigureAwait(false) : null;
            loading = pointer.ShadowVersion ?? "";
            var shadow = pointer.ShadowVersion is { } s ? await LoadVersionAsync(before, s, cancellationToken).ConfigureAwait(false) : null;
            _serving = new ChapterServing(active, canary, pointer.CanaryPercent, shadow, stored.ETag, pointer.Revision, time.GetUtcNow());
            _fault = null;
        }
        catch (Exception e) when (VersionLoader.IsRefusal(e))
        {
            _fault = VersionLoader.Fault(loading, e, time.GetUtcNow());
            logger.LogError(e, "Chapter {Chapter} refused model version {Version} (pointer revision {Revision}); it keeps serving {Serving}.",
                Key, loading, pointer.Revision, before.Active?.Name ?? "nothing");
            if (firstLoad)
            {
                _serving = ChapterServing.None(time.GetUtcNow());
            }
            return;
        }
        if (_serving.Shadow is not null)
        {
            _shadow ??= new ShadowComparer(() => _serving);
        }
        if (!firstLoad)
        {
            logger.LogInformation("Chapter {Chapter} now serves {Active} (canary {Canary} at {Percent} %, shadow {Shadow}; pointer revision {Revision}).",
                Key, pointer.ActiveVersion, pointer.CanaryVersion ?? "none", pointer.CanaryPercent, pointer.ShadowVersion ?? "none", pointer.Revision);
        }
    }

    private async Task<ServedVersion> LoadVersionAsync(ChapterServing loaded, string name, CancellationToken cancellationToken) =>
        loaded.Find(name) ?? new ServedVersion(name, await store.ReadChapterAsync(Chapter, name, cancellationToken).ConfigureAwait(false));

    private ChapterModelState State()
    {
        var serving = _serving;
        return new ChapterModelState(Key, serving.Active?.Chapter.Metadata.Version, serving.Active is null ? null : serving.LoadedAt)
        {
            CanaryVersion = serving.Canary?.Name,
            CanaryPercent = serving.Canary is null ? 0 : serving.CanaryPercent,
            ShadowVersion = serving.Shadow?.Name,
            PointerRevision = serving.Revision,
            Fault = _fault,
            Shadow = _shadow?.Agreement(serving),
        };
    }
}
