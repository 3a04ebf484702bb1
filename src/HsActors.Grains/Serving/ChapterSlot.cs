using HsActors.Abstractions.Grains;
using HsActors.Grains.Models;
using HsActors.Learning;
using HsActors.Nomenclature;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Serving;

/// <summary>
/// What one chapter serves on this silo: the active version, a canary taking a stable share of request keys, and a
/// shadow compared off the response path. Readers take <see cref="Serving"/> without a lock; a refresh loads the versions
/// the pointer names and replaces the snapshot in one volatile write, so a line being ranked keeps the version it
/// started with and no request fails during a swap. A version that fails to load is refused: the previous snapshot
/// keeps serving and the fault is reported. Refreshes of one slot never overlap (<see cref="ModelCache"/> serialises them).
/// </summary>
public sealed class ChapterSlot : IAsyncDisposable
{
    private readonly IModelStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile ChapterServing _serving;
    private volatile ModelLoadFault? _fault;
    private volatile ShadowComparer? _shadow;

    public ChapterSlot(HsCode chapter, IModelStore store, TimeProvider time, ILogger logger)
    {
        if (chapter.Level != 2)
        {
            throw new ArgumentException($"A chapter slot's key is a two-digit chapter, not '{chapter}'.", nameof(chapter));
        }
        Chapter = chapter;
        _store = store;
        _time = time;
        _logger = logger;
        _serving = ChapterServing.None(time.GetUtcNow());
    }

    public HsCode Chapter { get; }

    /// <summary>The current snapshot; <see cref="ChapterServing.Active"/> is null when the chapter has no model.</summary>
    public ChapterServing Serving => _serving;

    /// <summary>The active version; null before the first load or when the chapter has no model.</summary>
    public VersionedChapter? Current => _serving.Active?.Chapter;

    /// <summary>Hot path: hands the line to the shadow comparison when this chapter has a shadow; never blocks.</summary>
    public void OfferShadow(in SparseVector features, string description)
    {
        if (_serving.Shadow is not null)
        {
            _shadow?.Offer(features, description);
        }
    }

    public ChapterModelState State()
    {
        var serving = _serving;
        return new ChapterModelState(Chapter.Digits, serving.Active?.Chapter.Metadata.Version, serving.Active is null ? null : serving.LoadedAt)
        {
            CanaryVersion = serving.Canary?.Name,
            CanaryPercent = serving.Canary is null ? 0 : serving.CanaryPercent,
            ShadowVersion = serving.Shadow?.Name,
            PointerRevision = serving.Revision,
            Fault = _fault,
            Shadow = _shadow?.Agreement(serving),
        };
    }

    /// <summary>Loads what the pointer names; with <paramref name="firstLoad"/> false, only when the pointer changed.</summary>
    public async Task LoadAsync(bool firstLoad, CancellationToken cancellationToken)
    {
        var before = _serving;
        var key = Chapter.Digits;
        var stored = await _store.ReadPointerAsync(key, cancellationToken).ConfigureAwait(false);
        if (!firstLoad && stored?.ETag == before.ETag)
        {
            return;
        }
        if (stored is null || stored.Pointer.ActiveVersion is null)
        {
            _serving = ChapterServing.None(_time.GetUtcNow());
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
            if (shadow is not null)
            {
                // Before the snapshot is published, so no line offered right after the swap is lost.
                _shadow ??= new ShadowComparer(() => _serving);
            }
            _serving = new ChapterServing(active, canary, pointer.CanaryPercent, shadow, stored.ETag, pointer.Revision, _time.GetUtcNow());
            _fault = null;
        }
        catch (Exception e) when (VersionLoader.IsRefusal(e))
        {
            _fault = VersionLoader.Fault(loading, e, _time.GetUtcNow());
            _logger.LogError(e, "Chapter {Chapter} refused model version {Version} (pointer revision {Revision}); it keeps serving {Serving}.",
                key, loading, pointer.Revision, before.Active?.Name ?? "nothing");
            if (firstLoad)
            {
                _serving = ChapterServing.None(_time.GetUtcNow());
            }
            return;
        }
        if (!firstLoad)
        {
            _logger.LogInformation("Chapter {Chapter} now serves {Active} (canary {Canary} at {Percent} %, shadow {Shadow}; pointer revision {Revision}).",
                key, pointer.ActiveVersion, pointer.CanaryVersion ?? "none", pointer.CanaryPercent, pointer.ShadowVersion ?? "none", pointer.Revision);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_shadow is not null)
        {
            await _shadow.DisposeAsync().ConfigureAwait(false);
            _shadow = null;
        }
    }

    private async Task<ServedVersion> LoadVersionAsync(ChapterServing loaded, string name, CancellationToken cancellationToken) =>
        loaded.Find(name) ?? new ServedVersion(name, await _store.ReadChapterAsync(Chapter, name, cancellationToken).ConfigureAwait(false));
}
