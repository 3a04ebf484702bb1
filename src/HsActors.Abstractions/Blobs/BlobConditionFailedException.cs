namespace HsActors.Abstractions.Blobs;

/// <summary>The blob changed (or exists / does not exist) contrary to the write's condition: re-read and retry the compare-and-swap.</summary>
public sealed class BlobConditionFailedException : BlobStoreException
{
    public BlobConditionFailedException(string blobName, BlobCondition condition, Exception? innerException = null)
        : base(blobName, $"Condition '{condition}' failed for blob '{blobName}': it was changed, created or deleted concurrently.", innerException)
    {
        Condition = condition;
    }

    public BlobCondition Condition { get; }
}
