using HsActors.Abstractions.Blobs;

namespace HsActors.Abstractions.Models;

/// <summary>The outcome of an administrative change: the new pointer, its etag, and the audit record it appended.</summary>
public sealed record PointerUpdate(ChapterPointer Pointer, BlobETag ETag, PointerChange Change);
