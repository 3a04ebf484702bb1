using System.Buffers.Binary;
using System.Numerics;

namespace HsActors.Streaming.LocalLog;

/// <summary>CRC-32C (Castagnoli), the checksum of every log record. BitOperations uses the SSE4.2/ARM CRC
/// instruction where the CPU has one, so checksumming costs little next to the fsync.</summary>
public static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = ~0u;
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }
        foreach (var b in data)
            crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }
}
