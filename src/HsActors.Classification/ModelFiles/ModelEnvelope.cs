using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HsActors.Classification.ModelFiles;

/// <summary>
/// The frame around every model file: magic, format version, kind, payload length, payload, SHA-256 of all before it.
/// The checksum is what lets a chapter refuse a damaged blob and keep serving its previous version.
/// </summary>
public static class ModelEnvelope
{
    public const ushort FormatVersion = 3; // 2: national lines modelled per subheading; 3: the router's naive Bayes second opinion
    private const int HeaderLength = 4 + 2 + 1 + 1 + 8;
    private const int ChecksumLength = 32;
    private static ReadOnlySpan<byte> Magic => "HSAM"u8;

    public static byte[] Wrap(ModelKind kind, ReadOnlySpan<byte> payload)
    {
        var file = new byte[HeaderLength + payload.Length + ChecksumLength];
        Magic.CopyTo(file);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(4), FormatVersion);
        file[6] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(8), payload.Length);
        payload.CopyTo(file.AsSpan(HeaderLength));
        SHA256.HashData(file.AsSpan(0, HeaderLength + payload.Length), file.AsSpan(HeaderLength + payload.Length));
        return file;
    }

    /// <summary>The format version in a file's header, or null when it does not start like a model file.</summary>
    public static ushort? ReadFormatVersion(ReadOnlySpan<byte> header) =>
        header.Length >= 6 && header[..4].SequenceEqual(Magic) ? BinaryPrimitives.ReadUInt16LittleEndian(header[4..]) : null;

    public static ReadOnlyMemory<byte> Unwrap(ReadOnlyMemory<byte> file, ModelKind expected, string source)
    {
        var span = file.Span;
        if (span.Length < HeaderLength + ChecksumLength || !span[..4].SequenceEqual(Magic))
        {
            throw new ModelFileException($"{source} is not an HsActors model file (bad magic or shorter than a header).");
        }
        var version = BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
        if (version != FormatVersion)
        {
            throw new ModelFileException($"{source} has model format version {version}; this build reads version {FormatVersion}.");
        }
        var kind = (ModelKind)span[6];
        if (kind != expected)
        {
            throw new ModelFileException($"{source} holds a {kind} model where a {expected} model was expected.");
        }
        var length = BinaryPrimitives.ReadInt64LittleEndian(span[8..]);
        if (length < 0 || HeaderLength + length + ChecksumLength != span.Length)
        {
            throw new ModelFileException($"{source} is truncated or padded: header says {length} payload bytes, file has {span.Length - HeaderLength - ChecksumLength}.");
        }
        Span<byte> actual = stackalloc byte[ChecksumLength];
        SHA256.HashData(span[..(HeaderLength + (int)length)], actual);
        if (!actual.SequenceEqual(span[(HeaderLength + (int)length)..]))
        {
            throw new ModelFileException($"{source} fails its SHA-256 checksum: the file is corrupt.");
        }
        return file.Slice(HeaderLength, (int)length);
    }
}
