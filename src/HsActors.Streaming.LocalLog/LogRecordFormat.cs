using System.Buffers.Binary;

namespace HsActors.Streaming.LocalLog;

/// <summary>
/// On-disk layout of one record: [payload length u32 LE][CRC-32C of payload u32 LE][payload: UTF-8 JSON].
/// The offset of a record is its ordinal in the file; positions are kept in memory and rebuilt by a scan on open.
/// </summary>
internal static class LogRecordFormat
{
    public const int HeaderSize = 8;

    public static void WriteRecord(Span<byte> destination, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, (uint)payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], Crc32C.Compute(payload));
        payload.CopyTo(destination[HeaderSize..]);
    }

    public static (uint Length, uint Checksum) ReadHeader(ReadOnlySpan<byte> header) =>
        (BinaryPrimitives.ReadUInt32LittleEndian(header), BinaryPrimitives.ReadUInt32LittleEndian(header[4..]));

    /// <summary>True when a whole, checksum-valid record starts at <paramref name="start"/> of <paramref name="region"/>.</summary>
    public static bool IsValidRecordAt(ReadOnlySpan<byte> region, int start, int maxRecordBytes)
    {
        if (region.Length - start < HeaderSize)
            return false;
        var (length, checksum) = ReadHeader(region[start..]);
        if (length == 0 || length > (uint)maxRecordBytes || length > (uint)(region.Length - start - HeaderSize))
            return false;
        return Crc32C.Compute(region.Slice(start + HeaderSize, (int)length)) == checksum;
    }
}
