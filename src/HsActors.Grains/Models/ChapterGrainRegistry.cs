using HsActors.Abstractions.Blobs;
using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Models;

namespace HsActors.Grains.Models;

/// <summary>
/// The model registry as everything but the chapter grains sees it: reads and publishing go straight to the registry;
/// every pointer change goes to the chapter grain that owns the pointer, so one writer per pointer serves the whole
/// cluster and every silo hears of the change. Refusals come back as the registry's own exceptions.
/// </summary>
public sealed class ChapterGrainRegistry(IModelRegistry registry, IGrainFactory grains) : IModelRegistry
{
    public Task<ModelVersionManifest> PublishAsync(string chapter, ReadOnlyMemory<byte> content, ModelVersionDraft draft, CancellationToken cancellationToken = default) =>
        registry.PublishAsync(chapter, content, draft, cancellationToken);

    public Task<IReadOnlyList<ModelVersionManifest>> ListVersionsAsync(string chapter, CancellationToken cancellationToken = default) =>
        registry.ListVersionsAsync(chapter, cancellationToken);

    public Task<ModelVersionManifest?> GetManifestAsync(string chapter, string version, CancellationToken cancellationToken = default) =>
        registry.GetManifestAsync(chapter, version, cancellationToken);

    public Task<ModelVersionContent> OpenVersionAsync(string chapter, string version, CancellationToken cancellationToken = default) =>
        registry.OpenVersionAsync(chapter, version, cancellationToken);

    public Task<StoredPointer?> GetPointerAsync(string chapter, CancellationToken cancellationToken = default) =>
        registry.GetPointerAsync(chapter, cancellationToken);

    public Task<IReadOnlyList<string>> ListChaptersAsync(CancellationToken cancellationToken = default) =>
        registry.ListChaptersAsync(cancellationToken);

    public IAsyncEnumerable<PointerChangeNotice> WatchPointersAsync(TimeSpan interval, bool includeExisting = false, CancellationToken cancellationToken = default) =>
        registry.WatchPointersAsync(interval, includeExisting, cancellationToken);

    public Task<PointerUpdate> PromoteAsync(string chapter, string version, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default) =>
        EditAsync(chapter, new(PointerAction.Promote, by, version, Reason: reason, ExpectedETag: expectedETag), cancellationToken);

    public Task<PointerUpdate> AutoPromoteAsync(string chapter, string version, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default) =>
        EditAsync(chapter, new(PointerAction.AutoPromote, by, version, Reason: reason, ExpectedETag: expectedETag), cancellationToken);

    public Task<PointerUpdate> RollbackAsync(string chapter, string? toVersion, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default) =>
        EditAsync(chapter, new(PointerAction.Rollback, by, toVersion, Reason: reason, ExpectedETag: expectedETag), cancellationToken);

    public Task<PointerUpdate> SetCanaryAsync(string chapter, string version, int percent, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default) =>
        EditAsync(chapter, new(PointerAction.SetCanary, by, version, percent, reason, expectedETag), cancellationToken);

    public Task<PointerUpdate> ClearCanaryAsync(string chapter, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default) =>
        EditAsync(chapter, new(PointerAction.ClearCanary, by, Reason: reason, ExpectedETag: expectedETag), cancellationToken);

    public Task<PointerUpdate> SetShadowAsync(string chapter, string version, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default) =>
        EditAsync(chapter, new(PointerAction.SetShadow, by, version, Reason: reason, ExpectedETag: expectedETag), cancellationToken);

    public Task<PointerUpdate> ClearShadowAsync(string chapter, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default) =>
        EditAsync(chapter, new(PointerAction.ClearShadow, by, Reason: reason, ExpectedETag: expectedETag), cancellationToken);

    public Task<PointerUpdate> PinAsync(string chapter, string reason, string by, BlobETag? expectedETag = null, CancellationToken cancellationToken = default) =>
        EditAsync(chapter, new(PointerAction.Pin, by, Reason: reason, ExpectedETag: expectedETag), cancellationToken);

    public Task<PointerUpdate> UnpinAsync(string chapter, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default) =>
        EditAsync(chapter, new(PointerAction.Unpin, by, Reason: reason, ExpectedETag: expectedETag), cancellationToken);

    private async Task<PointerUpdate> EditAsync(string chapter, PointerEditRequest request, CancellationToken cancellationToken)
    {
        var result = await grains.GetGrain<IChapterGrain>(chapter).EditPointerAsync(request).WaitAsync(cancellationToken).ConfigureAwait(false);
        return result.GetUpdateOrThrow();
    }
}
