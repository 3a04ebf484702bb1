namespace HsActors.Abstractions.Blobs;

/// <summary>A blob store operation failed for a reason the caller cannot fix by retrying its own logic (bad credentials, missing container, I/O).</summary>
public class BlobStoreException : Exception
{
    public BlobStoreException(string blobName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        BlobName = blobName;
    }

    /// <summary>The blob (or prefix / container) the failed operation addressed.</summary>
    public string BlobName { get; }
}
