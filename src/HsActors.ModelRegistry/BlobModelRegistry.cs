using HsActors.Abstractions.Blobs;
using HsActors.Abstractions.Models;

namespace HsActors.ModelRegistry;

/// <summary>
/// <see cref="IModelRegistry"/> over any <see cref="IBlobStore"/> (file system for the embedded silo, Azure Blob for the
/// cluster). Several instances, in several processes, may share one store: all coordination is by blob etags.
/// </summary>
public sealed class BlobModelRegistry : IModelRegistry
{
    private const int ManifestReadParallelism = 8;

    private readonly IBlobStore _store;
    private readonly BlobModelRegistryOptions _options;
    private readonly PointerCompareAndSwap _pointers;

    public BlobModelRegistry(IBlobStore store, BlobModelRegistryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _options = options ?? new BlobModelRegistryOptions();
        ArgumentNullException.ThrowIfNull(_options.Time, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.HistoryLimit, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxChangeAttempts, 1, nameof(options));
        _store = store;
        _pointers = new PointerCompareAndSwap(store, _options);
    }

    public async Task<ModelVersionManifest> PublishAsync(string chapter, ReadOnlyMemory<byte> content, ModelVersionDraft draft, CancellationToken cancellationToken = default)
    {
        ModelKeys.ValidateChapter(chapter);
        ArgumentNullException.ThrowIfNull(draft);
        ValidateDraft(draft);
        var createdAt = draft.CreatedAt ?? _options.Time.GetUtcNow();
        var manifest = new ModelVersionManifest
        {
            Chapter = chapter,
            Version = draft.Version ?? ModelVersionIds.New(createdAt),
            ParentVersion = draft.ParentVersion,
            CreatedAt = createdAt,
            CreatedBy = draft.CreatedBy,
            TrainingSummary = new Dictionary<string, TrainingSummaryValue>(draft.TrainingSummary, StringComparer.Ordinal),
            Figures = new Dictionary<string, double>(draft.Figures, StringComparer.Ordinal),
            ContentSha256 = ContentHash.Sha256Hex(content.Span),
            Size = content.Length,
            Notes = draft.Notes,
        };

        var blobName = ModelBlobNames.Version(chapter, manifest.Version);
        var manifestName = ModelBlobNames.Manifest(chapter, manifest.Version);
        // The model first: a manifest is the sign that a version is complete, so a crash in between leaves no listed version.
        try
        {
            await _store.PutAsync(blobName, content, BlobCondition.IfNoneMatchAny, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobConditionFailedException ex)
        {
            if (!await IsInterruptedPublishOfAsync(blobName, manifestName, manifest.ContentSha256, cancellationToken).ConfigureAwait(false))
            {
                throw new ModelVersionAlreadyExistsException(chapter, manifest.Version, ex);
            }
        }

        try
        {
            await _store.PutAsync(manifestName, RegistryDocuments.Encode(manifest), BlobCondition.IfNoneMatchAny, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobConditionFailedException ex)
        {
            throw new ModelVersionAlreadyExistsException(chapter, manifest.Version, ex);
        }

        return manifest;
    }

    public async Task<IReadOnlyList<ModelVersionManifest>> ListVersionsAsync(string chapter, CancellationToken cancellationToken = default)
    {
        ModelKeys.ValidateChapter(chapter);
        var pointer = (await _pointers.ReadAsync(chapter, cancellationToken).ConfigureAwait(false))?.Pointer;
        var versions = new List<string>();
        foreach (var name in await ListNamesAsync(ModelBlobNames.VersionPrefix(chapter), chapter, cancellationToken).ConfigureAwait(false))
        {
            if (ModelBlobNames.VersionOfManifest(chapter, name) is { } version)
            {
                versions.Add(version);
            }
        }

        var manifests = new ModelVersionManifest?[versions.Count];
        await Parallel.ForAsync(0, versions.Count, new ParallelOptions { MaxDegreeOfParallelism = ManifestReadParallelism, CancellationToken = cancellationToken },
            async (i, token) => manifests[i] = await ListedManifestAsync(chapter, versions[i], token).ConfigureAwait(false)).ConfigureAwait(false);

        return manifests
            .OfType<ModelVersionManifest>()
            .Select(m => m.Status == ModelVersionStatus.Corrupted ? m : m with { Status = VersionStatuses.Of(pointer, m.Version) })
            .OrderByDescending(m => m.CreatedAt)
            .ThenByDescending(m => m.Version, StringComparer.Ordinal)
            .ToArray();
    }

    public async Task<ModelVersionManifest?> GetManifestAsync(string chapter, string version, CancellationToken cancellationToken = default)
    {
        ModelKeys.ValidateChapter(chapter);
        ModelKeys.ValidateVersion(version);
        var manifest = await ReadManifestAsync(chapter, version, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return null;
        }

        var pointer = await _pointers.ReadAsync(chapter, cancellationToken).ConfigureAwait(false);
        return manifest with { Status = VersionStatuses.Of(pointer?.Pointer, version) };
    }

    public async Task<ModelVersionContent> OpenVersionAsync(string chapter, string version, CancellationToken cancellationToken = default)
    {
        ModelKeys.ValidateChapter(chapter);
        ModelKeys.ValidateVersion(version);
        var manifest = await ReadManifestAsync(chapter, version, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelVersionNotFoundException(chapter, version, $"its manifest '{ModelBlobNames.Manifest(chapter, version)}' does not exist.");
        var blobName = ModelBlobNames.Version(chapter, version);
        BlobContent blob;
        try
        {
            blob = await _store.GetAsync(blobName, cancellationToken).ConfigureAwait(false)
                ?? throw new ModelVersionNotFoundException(chapter, version, $"its model blob '{blobName}' does not exist.");
        }
        catch (BlobCorruptedException ex)
        {
            throw new ModelVersionCorruptedException(chapter, version, ex.Message, ex);
        }

        // The store checked its own recorded hash; the manifest's hash also catches a blob replaced by another tool.
        var actual = ContentHash.Sha256Hex(blob.Content.Span);
        if (!string.Equals(actual, manifest.ContentSha256, StringComparison.OrdinalIgnoreCase) || blob.Content.Length != manifest.Size)
        {
            throw new ModelVersionCorruptedException(chapter, version,
                $"blob '{blobName}' ({blob.Content.Length} bytes, SHA-256 {actual}) does not match its manifest ({manifest.Size} bytes, SHA-256 {manifest.ContentSha256}).");
        }

        return new ModelVersionContent(manifest, blob.Content);
    }

    public Task<StoredPointer?> GetPointerAsync(string chapter, CancellationToken cancellationToken = default)
    {
        ModelKeys.ValidateChapter(chapter);
        return _pointers.ReadAsync(chapter, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListChaptersAsync(CancellationToken cancellationToken = default)
    {
        var chapters = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var prefix in new[] { ModelBlobNames.ModelsPrefix, ModelBlobNames.PointersPrefix })
        {
            foreach (var name in await ListNamesAsync(prefix, chapter: null, cancellationToken).ConfigureAwait(false))
            {
                if (ModelBlobNames.ChapterOf(name) is { } chapter)
                {
                    chapters.Add(chapter);
                }
            }
        }

        return chapters.ToArray();
    }

    public Task<PointerUpdate> PromoteAsync(string chapter, string version, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default) =>
        PromoteAsync(chapter, version, by, expectedETag, reason, automatic: false, cancellationToken);

    public Task<PointerUpdate> AutoPromoteAsync(string chapter, string version, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default) =>
        PromoteAsync(chapter, version, by, expectedETag, reason, automatic: true, cancellationToken);

    public async Task<PointerUpdate> RollbackAsync(string chapter, string? toVersion, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default)
    {
        ValidateChange(chapter, by);
        if (toVersion is not null)
        {
            await VerifyUsableAsync(chapter, toVersion, cancellationToken).ConfigureAwait(false);
            return await _pointers.ChangeAsync(chapter, by, expectedETag, reason,
                (current, _) => ValueTask.FromResult(PointerTransitions.Rollback(current, toVersion)), cancellationToken).ConfigureAwait(false);
        }

        // The default target depends on the pointer each attempt reads; verify each distinct target once.
        var verified = new HashSet<string>(StringComparer.Ordinal);
        return await _pointers.ChangeAsync(chapter, by, expectedETag, reason, async (current, token) =>
        {
            var target = PointerTransitions.DefaultRollbackTarget(current);
            if (verified.Add(target))
            {
                await VerifyUsableAsync(chapter, target, token).ConfigureAwait(false);
            }

            return PointerTransitions.Rollback(current, target);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PointerUpdate> SetCanaryAsync(string chapter, string version, int percent, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default)
    {
        ValidateChange(chapter, by);
        if (percent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, $"Canary percentage for chapter '{chapter}' must be between 0 and 100.");
        }

        await VerifyUsableAsync(chapter, version, cancellationToken).ConfigureAwait(false);
        return await _pointers.ChangeAsync(chapter, by, expectedETag, reason,
            (current, _) => ValueTask.FromResult(PointerTransitions.SetCanary(current, version, percent)), cancellationToken).ConfigureAwait(false);
    }

    public Task<PointerUpdate> ClearCanaryAsync(string chapter, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default)
    {
        ValidateChange(chapter, by);
        return _pointers.ChangeAsync(chapter, by, expectedETag, reason,
            (current, _) => ValueTask.FromResult(PointerTransitions.ClearCanary(current)), cancellationToken);
    }

    public async Task<PointerUpdate> SetShadowAsync(string chapter, string version, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default)
    {
        ValidateChange(chapter, by);
        await VerifyUsableAsync(chapter, version, cancellationToken).ConfigureAwait(false);
        return await _pointers.ChangeAsync(chapter, by, expectedETag, reason,
            (current, _) => ValueTask.FromResult(PointerTransitions.SetShadow(current, version)), cancellationToken).ConfigureAwait(false);
    }

    public Task<PointerUpdate> ClearShadowAsync(string chapter, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default)
    {
        ValidateChange(chapter, by);
        return _pointers.ChangeAsync(chapter, by, expectedETag, reason,
            (current, _) => ValueTask.FromResult(PointerTransitions.ClearShadow(current)), cancellationToken);
    }

    public Task<PointerUpdate> PinAsync(string chapter, string reason, string by, BlobETag? expectedETag = null, CancellationToken cancellationToken = default)
    {
        ValidateChange(chapter, by);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return _pointers.ChangeAsync(chapter, by, expectedETag, reason,
            (current, _) => ValueTask.FromResult(PointerTransitions.Pin(current, reason)), cancellationToken);
    }

    public Task<PointerUpdate> UnpinAsync(string chapter, string by, BlobETag? expectedETag = null, string? reason = null, CancellationToken cancellationToken = default)
    {
        ValidateChange(chapter, by);
        return _pointers.ChangeAsync(chapter, by, expectedETag, reason,
            (current, _) => ValueTask.FromResult(PointerTransitions.Unpin(current)), cancellationToken);
    }

    public IAsyncEnumerable<PointerChangeNotice> WatchPointersAsync(TimeSpan interval, bool includeExisting = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return PointerWatcher.WatchAsync(_store, _options.Time, interval, includeExisting, cancellationToken);
    }

    private async Task<PointerUpdate> PromoteAsync(string chapter, string version, string by, BlobETag? expectedETag, string? reason, bool automatic, CancellationToken cancellationToken)
    {
        ValidateChange(chapter, by);
        await VerifyUsableAsync(chapter, version, cancellationToken).ConfigureAwait(false);
        return await _pointers.ChangeAsync(chapter, by, expectedETag, reason,
            (current, _) => ValueTask.FromResult(PointerTransitions.Promote(current, version, automatic)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A pointer may only name a version whose manifest exists and whose bytes pass both checksums now.</summary>
    private async Task VerifyUsableAsync(string chapter, string version, CancellationToken cancellationToken)
    {
        ModelKeys.ValidateVersion(version);
        _ = await OpenVersionAsync(chapter, version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The names under a prefix. A store that reads each blob's header to list it (the file system's) refuses a damaged
    /// one as it lists; that is the registry's corrupted version (or chapter), as reading the blob would be, not a
    /// storage exception no caller of the registry expects.
    /// </summary>
    private async Task<List<string>> ListNamesAsync(string prefix, string? chapter, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var blob in _store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
            {
                names.Add(blob.Name);
            }
        }
        catch (BlobCorruptedException ex)
        {
            var damaged = chapter ?? ModelBlobNames.ChapterOf(ex.BlobName) ?? prefix;
            throw ModelBlobNames.VersionOf(damaged, ex.BlobName) is { } version
                ? new ModelVersionCorruptedException(damaged, version, ex.Message, ex)
                : new ModelRegistryException(damaged, $"{ex.Message} Repair or remove the blob by hand.", ex);
        }

        return names;
    }

    /// <summary>
    /// A version as a listing shows it: one unreadable manifest must not hide the chapter's other versions from an
    /// administrator (the listing failed whole before), so it is listed as corrupted, dated by its blob, with the reason.
    /// </summary>
    private async Task<ModelVersionManifest?> ListedManifestAsync(string chapter, string version, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadManifestAsync(chapter, version, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelVersionCorruptedException e)
        {
            var properties = await _store.GetPropertiesAsync(ModelBlobNames.Manifest(chapter, version), cancellationToken).ConfigureAwait(false);
            return new ModelVersionManifest
            {
                Chapter = chapter,
                Version = version,
                CreatedAt = properties?.LastModified ?? DateTimeOffset.UnixEpoch,
                CreatedBy = "unknown (manifest unreadable)",
                ContentSha256 = "",
                Size = 0,
                Notes = e.Detail,
                Status = ModelVersionStatus.Corrupted,
            };
        }
    }

    private async Task<ModelVersionManifest?> ReadManifestAsync(string chapter, string version, CancellationToken cancellationToken)
    {
        var name = ModelBlobNames.Manifest(chapter, version);
        BlobContent? blob;
        try
        {
            blob = await _store.GetAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobCorruptedException ex)
        {
            throw new ModelVersionCorruptedException(chapter, version, ex.Message, ex);
        }

        return blob is null ? null : RegistryDocuments.DecodeManifest(chapter, version, name, blob.Content);
    }

    private async Task<bool> IsInterruptedPublishOfAsync(string blobName, string manifestName, string sha256, CancellationToken cancellationToken)
    {
        var existing = await _store.GetPropertiesAsync(blobName, cancellationToken).ConfigureAwait(false);
        return existing?.ContentSha256 is { } recorded
            && string.Equals(recorded, sha256, StringComparison.OrdinalIgnoreCase)
            && await _store.GetPropertiesAsync(manifestName, cancellationToken).ConfigureAwait(false) is null;
    }

    private static void ValidateChange(string chapter, string by)
    {
        ModelKeys.ValidateChapter(chapter);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
    }

    private static void ValidateDraft(ModelVersionDraft draft)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.CreatedBy, nameof(draft));
        if (draft.Version is not null)
        {
            ModelKeys.ValidateVersion(draft.Version, nameof(draft));
        }

        if (draft.ParentVersion is not null)
        {
            ModelKeys.ValidateVersion(draft.ParentVersion, nameof(draft));
        }

        ArgumentNullException.ThrowIfNull(draft.TrainingSummary, nameof(draft));
        ArgumentNullException.ThrowIfNull(draft.Figures, nameof(draft));
        foreach (var (key, value) in draft.TrainingSummary)
        {
            if (string.IsNullOrWhiteSpace(key) || !value.HasValue || value.Number is { } n && !double.IsFinite(n))
            {
                throw new ArgumentException($"Training summary entry '{key}' = '{value}' is invalid: keys must be non-blank and values a string or a finite number.", nameof(draft));
            }
        }

        foreach (var (key, value) in draft.Figures)
        {
            if (string.IsNullOrWhiteSpace(key) || !double.IsFinite(value))
            {
                throw new ArgumentException($"Figure '{key}' = {value} is invalid: keys must be non-blank and values finite numbers.", nameof(draft));
            }
        }
    }
}
