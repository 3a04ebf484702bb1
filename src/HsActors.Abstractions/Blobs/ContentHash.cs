using System.Security.Cryptography;

namespace HsActors.Abstractions.Blobs;

/// <summary>The integrity hash every store records at write time and checks at read time (lower-case hex SHA-256).</summary>
public static class ContentHash
{
    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Throws <see cref="BlobCorruptedException"/> unless <paramref name="content"/> hashes to <paramref name="expectedSha256Hex"/>.</summary>
    public static void Verify(string blobName, string expectedSha256Hex, ReadOnlySpan<byte> content)
    {
        var actual = Sha256Hex(content);
        if (!string.Equals(actual, expectedSha256Hex, StringComparison.OrdinalIgnoreCase))
        {
            throw new BlobCorruptedException(blobName, expectedSha256Hex, actual);
        }
    }
}
