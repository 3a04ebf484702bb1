namespace HsActors.Abstractions.Blobs;

/// <summary>Precondition of a write or delete. Build with <see cref="None"/>, <see cref="IfNoneMatchAny"/> or <see cref="IfMatch"/>.</summary>
public sealed record BlobCondition
{
    private BlobCondition(BlobConditionKind kind, BlobETag? eTag)
    {
        Kind = kind;
        ETag = eTag;
    }

    public BlobConditionKind Kind { get; }

    /// <summary>Set only when <see cref="Kind"/> is <see cref="BlobConditionKind.IfMatch"/>.</summary>
    public BlobETag? ETag { get; }

    public static BlobCondition None { get; } = new(BlobConditionKind.None, null);

    public static BlobCondition IfNoneMatchAny { get; } = new(BlobConditionKind.IfNoneMatchAny, null);

    public static BlobCondition IfMatch(BlobETag eTag)
    {
        if (eTag.Value is null)
        {
            throw new ArgumentException("IfMatch needs an etag read from the store; default(BlobETag) has none.", nameof(eTag));
        }

        return new BlobCondition(BlobConditionKind.IfMatch, eTag);
    }

    public override string ToString() => Kind switch
    {
        BlobConditionKind.IfMatch => $"If-Match {ETag}",
        BlobConditionKind.IfNoneMatchAny => "If-None-Match *",
        _ => "unconditional",
    };
}
