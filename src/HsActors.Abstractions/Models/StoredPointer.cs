using HsActors.Abstractions.Blobs;

namespace HsActors.Abstractions.Models;

/// <summary>A pointer as read, with the etag to pass back as the expected etag of a change.</summary>
public sealed record StoredPointer(ChapterPointer Pointer, BlobETag ETag);
