using System.Runtime.CompilerServices;
using HsActors.Abstractions.Blobs;
using HsActors.Abstractions.Models;

namespace HsActors.ModelRegistry;

/// <summary>Polls the etags of <c>pointers/</c>: a listing per interval, whatever the number of chapters.</summary>
internal static class PointerWatcher
{
    public static async IAsyncEnumerable<PointerChangeNotice> WatchAsync(
        IBlobStore store, TimeProvider time, TimeSpan interval, bool includeExisting, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Dictionary<string, BlobETag>? previous = null;
        while (true)
        {
            var current = await ListAsync(store, cancellationToken).ConfigureAwait(false);
            var baseline = previous ?? (includeExisting ? [] : current);
            foreach (var (chapter, etag) in current)
            {
                if (!baseline.TryGetValue(chapter, out var before) || before != etag)
                {
                    yield return new PointerChangeNotice(chapter, etag);
                }
            }

            foreach (var chapter in baseline.Keys)
            {
                if (!current.ContainsKey(chapter))
                {
                    yield return new PointerChangeNotice(chapter, null);
                }
            }

            previous = current;
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Dictionary<string, BlobETag>> ListAsync(IBlobStore store, CancellationToken cancellationToken)
    {
        var etags = new Dictionary<string, BlobETag>(StringComparer.Ordinal);
        await foreach (var blob in store.ListAsync(ModelBlobNames.PointersPrefix, cancellationToken).ConfigureAwait(false))
        {
            if (ModelBlobNames.ChapterOf(blob.Name) is { } chapter)
            {
                etags[chapter] = blob.ETag;
            }
        }

        return etags;
    }
}
