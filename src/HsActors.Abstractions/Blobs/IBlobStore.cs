namespace HsActors.Abstractions.Blobs;

/// <summary>
/// Flat store of immutable-by-convention blobs addressed by '/'-separated names (e.g. <c>models/84/v12</c>).
/// Every write returns a fresh <see cref="BlobETag"/>; conditional writes are the building block of the
/// compare-and-swap loops that keep two administrators from overwriting each other's pointer documents.
/// Content integrity is checked on every read: a blob whose bytes do not match the hash recorded at write
/// time raises <see cref="BlobCorruptedException"/> rather than being served.
/// </summary>
public interface IBlobStore
{
    /// <summary>Writes the whole blob. Throws <see cref="BlobConditionFailedException"/> when <paramref name="condition"/> does not hold.</summary>
    Task<BlobETag> PutAsync(string name, ReadOnlyMemory<byte> content, BlobCondition condition, CancellationToken cancellationToken = default);

    /// <summary>Reads and verifies the whole blob; <c>null</c> when it does not exist.</summary>
    Task<BlobContent?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Reads the blob's properties without its content; <c>null</c> when it does not exist.</summary>
    Task<BlobProperties?> GetPropertiesAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the blob; <c>false</c> when it did not exist. <see cref="BlobCondition.IfMatch"/> guards against deleting
    /// a newer version; <see cref="BlobCondition.IfNoneMatchAny"/> makes no sense here and is rejected.
    /// </summary>
    Task<bool> DeleteAsync(string name, BlobCondition condition, CancellationToken cancellationToken = default);

    /// <summary>Every blob whose name starts with <paramref name="prefix"/> ("" = all), in ordinal name order.</summary>
    IAsyncEnumerable<BlobProperties> ListAsync(string prefix, CancellationToken cancellationToken = default);
}
