using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HsActors.Grains.Audit;

/// <summary>
/// Audit entry ids: version 7 GUIDs as 32 lower-case hex digits, laid out like <see cref="Guid.CreateVersion7()"/>
/// (48-bit Unix milliseconds, then cryptographically random bits). The random bits come from a per-thread block filled
/// once per <see cref="IdsPerFill"/> ids: <see cref="Guid.CreateVersion7()"/> reads the system's random source once per
/// id, a system call per classified line that showed up in the silo's profile.
/// </summary>
internal static class AuditIds
{
    private const int GuidBytes = 16;
    private const int IdsPerFill = 256;

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_next;

    public static string New()
    {
        var random = t_random ??= new byte[GuidBytes * IdsPerFill];
        if (t_next == 0)
        {
            RandomNumberGenerator.Fill(random);
        }
        Span<byte> id = stackalloc byte[GuidBytes];
        random.AsSpan(t_next * GuidBytes, GuidBytes).CopyTo(id);
        t_next = (t_next + 1) % IdsPerFill;

        Span<byte> milliseconds = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(milliseconds, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        milliseconds[2..].CopyTo(id); // the low 48 bits, big-endian
        id[6] = (byte)(0x70 | (id[6] & 0x0F)); // version 7
        id[8] = (byte)(0x80 | (id[8] & 0x3F)); // RFC 9562 variant

        Span<char> hex = stackalloc char[2 * GuidBytes];
        Convert.TryToHexStringLower(id, hex, out _);
        return new string(hex);
    }
}
