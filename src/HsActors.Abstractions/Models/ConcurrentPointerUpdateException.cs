using HsActors.Abstractions.Blobs;

namespace HsActors.Abstractions.Models;

/// <summary>
/// The chapter's pointer changed after the caller read it (its expected etag no longer matches), or the registry's own
/// compare-and-swap loop gave up. Nothing was written: re-read the pointer, look at what changed, decide again.
/// </summary>
public sealed class ConcurrentPointerUpdateException : ModelRegistryException
{
    public ConcurrentPointerUpdateException(string chapter, BlobETag? expectedETag, BlobETag? currentETag, string message, Exception? innerException = null)
        : base(chapter, message, innerException)
    {
        ExpectedETag = expectedETag;
        CurrentETag = currentETag;
    }

    public BlobETag? ExpectedETag { get; }

    /// <summary>The etag found when the conflict was detected; null when the pointer did not exist.</summary>
    public BlobETag? CurrentETag { get; }
}
