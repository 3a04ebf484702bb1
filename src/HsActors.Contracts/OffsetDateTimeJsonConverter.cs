using System.Text.Json;
using System.Text.Json.Serialization;

namespace HsActors.Contracts;

/// <summary>
/// A date and time with its offset, as the API documents it (2025-01-31T09:30:00+07:00, or …Z). System.Text.Json alone
/// also takes a bare date or a time without offset and quietly assumes the server's zone; this refuses both.
/// </summary>
public sealed class OffsetDateTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !HasTimeAndOffset(reader.GetString()!) || !reader.TryGetDateTimeOffset(out var value))
        {
            throw new JsonException("Expected an ISO 8601 date and time with offset (2025-01-31T09:30:00+07:00).");
        }
        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    private static bool HasTimeAndOffset(string text) =>
        text.IndexOf('T', StringComparison.OrdinalIgnoreCase) > 0
        && (text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':'));
}
