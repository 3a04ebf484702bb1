namespace HsActors.Abstractions.Blobs;

/// <param name="Name">Full blob name.</param>
/// <param name="Length">Content length in bytes.</param>
/// <param name="ETag">Version tag for conditional writes.</param>
/// <param name="LastModified">Time of the write that produced this version.</param>
/// <param name="ContentSha256">Lower-case hex SHA-256 recorded at write time; <c>null</c> for blobs written by other tools.</param>
public sealed record BlobProperties(string Name, long Length, BlobETag ETag, DateTimeOffset LastModified, string? ContentSha256);
