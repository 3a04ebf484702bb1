using HsActors.Abstractions.Blobs;

namespace HsActors.Abstractions.Models;

/// <summary>A chapter's pointer document changed (or appeared); <paramref name="ETag"/> is null when it was deleted.</summary>
public sealed record PointerChangeNotice(string Chapter, BlobETag? ETag);
