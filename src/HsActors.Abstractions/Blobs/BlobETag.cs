namespace HsActors.Abstractions.Blobs;

/// <summary>
/// Opaque version tag of one stored blob version, in HTTP entity-tag form (quoted). Two writes of the same bytes
/// get different tags, so a compare-and-swap cannot be fooled by content that went A → B → A.
/// </summary>
[GenerateSerializer, Immutable, Alias("hsactors.blob-etag")]
public readonly record struct BlobETag
{
    public BlobETag(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        // Azure lists etags unquoted but returns them quoted in headers; one canonical form keeps equality honest.
        Value = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value : "\"" + value + "\"";
    }

    [Id(0)]
    public string Value { get; }

    public override string ToString() => Value ?? string.Empty;
}
