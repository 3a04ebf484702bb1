using HsActors.Abstractions.Blobs;

namespace HsActors.Abstractions.Models;

/// <summary>The outcome of an administrative change: the new pointer, its etag, and the audit record it appended.</summary>
[GenerateSerializer, Immutable, Alias("hsactors.pointer-update")]
public sealed record PointerUpdate([property: Id(0)] ChapterPointer Pointer, [property: Id(1)] BlobETag ETag, [property: Id(2)] PointerChange Change);
