using System.Buffers.Binary;
using System.Text;

namespace HsActors.Storage.FileSystem;

/// <summary>
/// Fixed-size header in front of every blob file. Keeping etag, hash and length in the same file as the content
/// means one atomic rename publishes all of them together: there is no sidecar that could disagree after a crash.
/// Layout: magic "HSBLOB01" | etag (16-byte GUID) | SHA-256 (32) | content length (int64 LE) | last-modified (unix ms, int64 LE).
/// </summary>
internal readonly record struct BlobFileHeader(Guid ETag, byte[] Sha256, long ContentLength, DateTimeOffset LastModified)
{
    public const int Size = 8 + 16 + 32 + 8 + 8;

    private static ReadOnlySpan<byte> Magic => "HSBLOB01"u8;

    public string Sha256Hex => Convert.ToHexStringLower(Sha256);

    public string ETagText => "\"" + ETag.ToString("N") + "\"";

    public void WriteTo(Span<byte> destination)
    {
        Magic.CopyTo(destination);
        ETag.TryWriteBytes(destination.Slice(8, 16));
        Sha256.CopyTo(destination.Slice(24, 32));
        BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(56, 8), ContentLength);
        BinaryPrimitives.WriteInt64LittleEndian(destination.Slice(64, 8), LastModified.ToUnixTimeMilliseconds());
    }

    /// <summary>Parses a header; <paramref name="fileLength"/> detects truncation, which no hash check would otherwise see before reading.</summary>
    public static BlobFileHeader Read(ReadOnlySpan<byte> source, long fileLength, string blobName)
    {
        if (source.Length < Size || !source[..8].SequenceEqual(Magic))
        {
            throw new Abstractions.Blobs.BlobCorruptedException(blobName, $"the file does not start with the {Encoding.ASCII.GetString(Magic)} header.");
        }

        // Damage here would otherwise surface as the ArgumentOutOfRangeException of a date no store ever wrote.
        var lastModified = BinaryPrimitives.ReadInt64LittleEndian(source.Slice(64, 8));
        if (lastModified < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || lastModified > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new Abstractions.Blobs.BlobCorruptedException(blobName, $"the header records an impossible modification time ({lastModified} ms since 1970).");
        }

        var header = new BlobFileHeader(
            new Guid(source.Slice(8, 16)),
            source.Slice(24, 32).ToArray(),
            BinaryPrimitives.ReadInt64LittleEndian(source.Slice(56, 8)),
            DateTimeOffset.FromUnixTimeMilliseconds(lastModified));
        if (header.ContentLength < 0 || Size + header.ContentLength != fileLength)
        {
            throw new Abstractions.Blobs.BlobCorruptedException(
                blobName, $"the header records {header.ContentLength} content bytes but the file holds {fileLength - Size}.");
        }

        return header;
    }
}
