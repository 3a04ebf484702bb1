using HsActors.Abstractions.Blobs;
using HsActors.Abstractions.Models;

namespace HsActors.ModelRegistry;

/// <summary>
/// Applies one decided change to <c>pointers/{chapter}.json</c> with If-Match (If-None-Match * for the first change).
/// With an expected etag a conflict is the caller's to resolve; without one the change is re-decided on the fresh
/// pointer and retried, so concurrent changes all land, each exactly once.
/// </summary>
internal sealed class PointerCompareAndSwap(IBlobStore store, BlobModelRegistryOptions options)
{
    public delegate ValueTask<PointerEdit> Decide(ChapterPointer current, CancellationToken cancellationToken);

    public async Task<StoredPointer?> ReadAsync(string chapter, CancellationToken cancellationToken)
    {
        var name = ModelBlobNames.Pointer(chapter);
        BlobContent? blob;
        try
        {
            blob = await store.GetAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobCorruptedException ex)
        {
            throw new ModelRegistryException(chapter, $"Pointer document '{name}' fails its checksum; repair it by hand before changing the chapter.", ex);
        }

        return blob is null ? null : new StoredPointer(RegistryDocuments.DecodePointer(chapter, name, blob.Content), blob.ETag);
    }

    public async Task<PointerUpdate> ChangeAsync(string chapter, string by, BlobETag? expectedETag, string? reason, Decide decide, CancellationToken cancellationToken)
    {
        var changeId = Guid.NewGuid().ToString("N");
        var name = ModelBlobNames.Pointer(chapter);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await ReadAsync(chapter, cancellationToken).ConfigureAwait(false);
            if (expectedETag is { } expected && stored?.ETag != expected)
            {
                throw Conflict(chapter, expectedETag, stored, "it changed after you read it");
            }

            var current = stored?.Pointer ?? PointerTransitions.Empty(chapter);
            var edit = await decide(current, cancellationToken).ConfigureAwait(false);
            var (next, change) = Apply(current, edit, changeId, by, reason);
            var condition = stored is null ? BlobCondition.IfNoneMatchAny : BlobCondition.IfMatch(stored.ETag);
            try
            {
                var etag = await store.PutAsync(name, RegistryDocuments.Encode(next), condition, cancellationToken).ConfigureAwait(false);
                return new PointerUpdate(next, etag, change);
            }
            catch (BlobConditionFailedException ex)
            {
                // A store retry after a lost response can report a conflict with our own write: recognise it by the change id.
                var now = await ReadAsync(chapter, cancellationToken).ConfigureAwait(false);
                if (now is not null && now.Pointer.History.FirstOrDefault(c => c.Id == changeId) is { } landed)
                {
                    return new PointerUpdate(now.Pointer, now.ETag, landed);
                }

                if (expectedETag is not null)
                {
                    throw Conflict(chapter, expectedETag, now, "another change landed first", ex);
                }

                if (attempt >= options.MaxChangeAttempts)
                {
                    throw Conflict(chapter, null, now, $"it kept changing concurrently through {attempt} attempts", ex);
                }
            }

            await Task.Delay(Backoff(attempt), options.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    private (ChapterPointer Next, PointerChange Change) Apply(ChapterPointer current, PointerEdit edit, string changeId, string by, string? reason)
    {
        var now = options.Time.GetUtcNow();
        var change = new PointerChange
        {
            Id = changeId,
            Chapter = current.Chapter,
            Revision = current.Revision + 1,
            Action = edit.Action,
            At = now,
            By = by,
            FromVersion = edit.FromVersion,
            ToVersion = edit.ToVersion,
            CanaryPercent = edit.CanaryPercent,
            Reason = reason,
        };
        var history = current.History.Count < options.HistoryLimit
            ? current.History.Append(change).ToArray()
            : current.History.Skip(current.History.Count - options.HistoryLimit + 1).Append(change).ToArray();
        var next = edit.Next with { Revision = change.Revision, UpdatedAt = now, UpdatedBy = by, History = history };
        return (next, change);
    }

    // Jittered so that competing writers stop colliding in lock-step.
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(1 << Math.Min(attempt, 7), 100) * (0.5 + Random.Shared.NextDouble()));

    private static ConcurrentPointerUpdateException Conflict(string chapter, BlobETag? expected, StoredPointer? current, string why, Exception? inner = null)
    {
        var latest = current is null
            ? "the pointer does not exist"
            : $"it is now at revision {current.Pointer.Revision}, last changed by {current.Pointer.UpdatedBy} at {current.Pointer.UpdatedAt:O}";
        return new ConcurrentPointerUpdateException(chapter, expected, current?.ETag,
            $"Pointer of chapter '{chapter}' was not changed: {why} ({latest}). Re-read it and decide again.", inner);
    }
}
