using HsActors.Abstractions.Blobs;

namespace HsActors.Abstractions.Models;

/// <summary>A pointer as read, with the etag to pass back as the expected etag of a change.</summary>
[GenerateSerializer, Immutable, Alias("hsactors.stored-pointer")]
public sealed record StoredPointer([property: Id(0)] ChapterPointer Pointer, [property: Id(1)] BlobETag ETag);
