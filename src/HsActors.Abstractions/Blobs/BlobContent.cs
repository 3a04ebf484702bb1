namespace HsActors.Abstractions.Blobs;

/// <summary>A verified blob: its bytes matched the hash recorded when it was written.</summary>
public sealed record BlobContent(BlobProperties Properties, ReadOnlyMemory<byte> Content)
{
    public BlobETag ETag => Properties.ETag;
}
