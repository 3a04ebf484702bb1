using HsActors.Abstractions.Grains;
using HsActors.Grains.Models;
using HsActors.Grains.Runtime;
using HsActors.Nomenclature;

namespace HsActors.Grains;

/// <summary>
/// Holds one chapter's active model version. Readers take <see cref="Current"/> without a turn; promotion replaces the
/// reference in one volatile write, so a line being ranked keeps the version it started with.
/// </summary>
public sealed class ChapterGrain(IModelStore store, TimeProvider time) : Grain, IChapterGrain
{
    private volatile ActiveVersion? _active;

    /// <summary>The active version; null before activation or when the chapter has no model.</summary>
    public VersionedChapter? Current => _active?.Chapter;

    public HsCode Chapter => HsCode.Parse(Key);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!HsCode.TryParse(Key, out var chapter) || chapter.Level != 2)
        {
            throw new ArgumentException($"A chapter grain's key is a two-digit chapter, not '{Key}'.");
        }
        // Synchronous on purpose: the hot path's first reader of a chapter waits for this load inline.
        _active = new ActiveVersion(store.ReadChapter(chapter), time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<ChapterModelState> GetStateAsync() => Task.FromResult(State());

    public Task<ChapterModelState> PromoteLatestAsync()
    {
        var latest = store.ReadChapter(Chapter);
        _active = new ActiveVersion(latest, time.GetUtcNow());
        return Task.FromResult(State());
    }

    private ChapterModelState State()
    {
        var active = _active;
        return new ChapterModelState(Key, active?.Chapter?.Metadata.Version, active?.LoadedAt);
    }

    private sealed record ActiveVersion(VersionedChapter? Chapter, DateTimeOffset LoadedAt);
}
