namespace HsActors.Abstractions.Blobs;

/// <summary>The stored bytes do not match the hash recorded when the blob was written; callers keep serving the previous version.</summary>
public sealed class BlobCorruptedException : BlobStoreException
{
    public BlobCorruptedException(string blobName, string expectedHash, string actualHash)
        : base(blobName, $"Blob '{blobName}' is corrupted: recorded hash {expectedHash}, content hashes to {actualHash}.")
    {
        ExpectedHash = expectedHash;
        ActualHash = actualHash;
    }

    public BlobCorruptedException(string blobName, string message)
        : base(blobName, $"Blob '{blobName}' cannot be trusted: {message}")
    {
        ExpectedHash = string.Empty;
        ActualHash = string.Empty;
    }

    public string ExpectedHash { get; }

    public string ActualHash { get; }
}
