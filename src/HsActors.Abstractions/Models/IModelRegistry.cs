using HsActors.Abstractions.Blobs;

namespace HsActors.Abstractions.Models;

/// <summary>
/// Versioned model blobs per chapter key (two-digit chapters and "router") with one pointer document per chapter.
/// Versions are immutable; every pointer change is a compare-and-swap and returns its audit record.
/// <para>
/// Every change method takes <c>expectedETag</c>: pass the etag of the pointer you looked at, and a concurrent change
/// makes the call fail with <see cref="ConcurrentPointerUpdateException"/> instead of silently overwriting it. Pass
/// null, and the registry re-reads and re-applies the change until it lands (no lost update either way).
/// </para>
/// </summary>
public interface IModelRegistry
{
    /// <summary>Writes <c>models/{chapter}/{version}</c> and its manifest, both create-only.</summary>
    /// <exception cref="ModelVersionAlreadyExistsException">The draft names a version that exists.</exception>
    Task<ModelVersionManifest> PublishAsync(string chapter, ReadOnlyMemory<byte> content, ModelVersionDraft draft, CancellationToken cancellationToken = default);

    /// <summary>The chapter's versions with figures and derived status, newest first. Versions whose publish did not finish (no manifest) are left out.</summary>
    Task<IReadOnlyList<ModelVersionManifest>> ListVersionsAsync(string chapter, CancellationToken cancellationToken = default);

    /// <summary>Null when the version has no manifest.</summary>
    Task<ModelVersionManifest?> GetManifestAsync(string chapter, string version, CancellationToken cancellationToken = default);

    /// <exception cref="ModelVersionNotFoundException">No blob or no manifest.</exception>
    /// <exception cref="ModelVersionCorruptedException">The bytes fail the store's or the manifest's checksum.</exception>
    Task<ModelVersionContent> OpenVersionAsync(string chapter, string version, CancellationToken cancellationToken = default);

    /// <summary>Null when no change was ever made to the chapter's pointer.</summary>
    Task<StoredPointer?> GetPointerAsync(string chapter, CancellationToken cancellationToken = default);

    /// <summary>Chapter keys with a published version or a pointer, in ordinal order.</summary>
    Task<IReadOnlyList<string>> ListChaptersAsync(CancellationToken cancellationToken = default);

    /// <summary>Makes <paramref name="version"/> active (verified first); a canary or shadow of that version is cleared.</summary>
    Task<PointerUpdate> PromoteAsync(string chapter, string version, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Promotion by automation: like <see cref="PromoteAsync"/> but refused with <see cref="ChapterPinnedException"/> on a pinned chapter.</summary>
    Task<PointerUpdate> AutoPromoteAsync(string chapter, string version, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Makes an earlier version active: <paramref name="toVersion"/>, or by default the one active before the current one.</summary>
    Task<PointerUpdate> RollbackAsync(string chapter, string? toVersion, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Routes <paramref name="percent"/> (0..100) of request keys to <paramref name="version"/>; needs an active version.</summary>
    Task<PointerUpdate> SetCanaryAsync(string chapter, string version, int percent, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default);

    Task<PointerUpdate> ClearCanaryAsync(string chapter, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="version"/> beside the active version on live traffic so their answers can be compared.</summary>
    Task<PointerUpdate> SetShadowAsync(string chapter, string version, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default);

    Task<PointerUpdate> ClearShadowAsync(string chapter, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Pins the chapter against automatic promotion.</summary>
    Task<PointerUpdate> PinAsync(string chapter, string reason, string by, BlobETag? expectedETag = null, CancellationToken cancellationToken = default);

    Task<PointerUpdate> UnpinAsync(string chapter, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Polls the pointer documents every <paramref name="interval"/> and yields each chapter whose pointer changed since
    /// the previous poll. With <paramref name="includeExisting"/> the first poll yields every existing pointer, so a
    /// caller can start watching before its initial load without missing a change in between.
    /// </summary>
    IAsyncEnumerable<PointerChangeNotice> WatchPointersAsync(TimeSpan interval, bool includeExisting = false, CancellationToken cancellationToken = default);
}
