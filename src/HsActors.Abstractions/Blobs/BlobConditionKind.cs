namespace HsActors.Abstractions.Blobs;

public enum BlobConditionKind
{
    /// <summary>Unconditional.</summary>
    None,

    /// <summary>Only when no blob of that name exists (create-only; HTTP <c>If-None-Match: *</c>).</summary>
    IfNoneMatchAny,

    /// <summary>Only when the current version carries the given etag (HTTP <c>If-Match</c>).</summary>
    IfMatch,
}
