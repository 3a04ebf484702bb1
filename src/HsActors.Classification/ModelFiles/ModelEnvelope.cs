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

    /// <summary>
    /// Versions still read. Format 3 only added the router's second opinion, so format-2 files (a registry's older
    /// versions, which administrators may roll back to) keep serving; a router without a second opinion is still
    /// written in format 2.
    /// </summary>
    public const ushort OldestReadableVersion = 2;

    public static bool IsReadable(ushort version) => version is >= OldestReadableVersion and <= FormatVersion;
    private const int HeaderLength = 4 + 2 + 1 + 1 + 8;
    private const int ChecksumLength = 32;
    private static ReadOnlySpan<byte> Magic => "HSAM"u8;

    public static byte[] Wrap(ModelKind kind, ReadOnlySpan<byte> payload, ushort version = FormatVersion)
    {
        if (!IsReadable(version))
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, $"This build writes model formats {OldestReadableVersion} to {FormatVersion}.");
        }
        var file = new byte[HeaderLength + payload.Length + ChecksumLength];
        Magic.CopyTo(file);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(4), version);
        file[6] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(8), payload.Length);
        payload.CopyTo(file.AsSpan(HeaderLength));
        SHA256.HashData(file.AsSpan(0, HeaderLength + payload.Length), file.AsSpan(HeaderLength + payload.Length));
        return file;
    }

    /// <summary>The format version in a file's header, or null when it does not start like a model file.</summary>
    public static ushort? ReadFormatVersion(ReadOnlySpan<byte> header) =>
        header.Length >= 6 && header[..4].SequenceEqual(Magic) ? BinaryPrimitives.ReadUInt16LittleEndian(header[4..]) : null;

    public static ReadOnlyMemory<byte> Unwrap(ReadOnlyMemory<byte> file, ModelKind expected, string source) => Unwrap(file, expected, source, out _);

    public static ReadOnlyMemory<byte> Unwrap(ReadOnlyMemory<byte> file, ModelKind expected, string source, out ushort version)
    {
        var span = file.Span;
        if (span.Length < HeaderLength + ChecksumLength || !span[..4].SequenceEqual(Magic))
        {
            throw new ModelFileException($"{source} is not an HsActors model file (bad magic or shorter than a header).");
        }
        version = BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
        if (!IsReadable(version))
        {
            throw new ModelFileException($"{source} has model format version {version}; this build reads versions {OldestReadableVersion} to {FormatVersion}.");
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
