using System.Globalization;
using System.Security.Cryptography;

namespace HsActors.ModelRegistry;

/// <summary>Version ids that sort by creation time and stay unique when two trainers publish in the same millisecond.</summary>
public static class ModelVersionIds
{
    public const string TimestampFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    /// <summary>"20261123T101500123Z-3fa2c1": UTC timestamp, then 24 random bits.</summary>
    public static string New(DateTimeOffset createdAt)
    {
        Span<byte> random = stackalloc byte[3];
        RandomNumberGenerator.Fill(random);
        return createdAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(random);
    }
}
