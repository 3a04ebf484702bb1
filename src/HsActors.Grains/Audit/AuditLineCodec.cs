using System.Buffers;
using System.Text;
using System.Text.Json;
using HsActors.Abstractions.Audit;

namespace HsActors.Grains.Audit;

/// <summary>
/// One audit entry per JSON line. Details that are a JSON object or array are embedded as JSON (so the files read
/// like the decisions they record); any other text is kept verbatim as <c>detailsText</c>.
/// </summary>
internal static class AuditLineCodec
{
    /// <summary>Appends the entry and its newline; <paramref name="json"/> is reset onto <paramref name="buffer"/> and reused.</summary>
    public static void Write(ArrayBufferWriter<byte> buffer, Utf8JsonWriter json, AuditEntry entry)
    {
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteString("id", entry.Id);
        json.WriteString("kind", entry.Kind.ToString());
        json.WriteString("at", entry.At);
        json.WriteString("actor", entry.Actor);
        json.WriteString("subject", entry.Subject);
        WriteDetails(json, entry.Details);
        json.WriteEndObject();
        json.Flush();
        buffer.Write("\n"u8);
    }

    public static AuditEntry Read(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var details = root.TryGetProperty("details", out var structured)
            ? structured.GetRawText()
            : root.GetProperty("detailsText").GetString() ?? "";
        return new AuditEntry(
            root.GetProperty("id").GetString() ?? "",
            Enum.Parse<AuditKind>(root.GetProperty("kind").GetString() ?? ""),
            root.GetProperty("at").GetDateTimeOffset(),
            root.GetProperty("actor").GetString() ?? "",
            root.GetProperty("subject").GetString() ?? "",
            details);
    }

    /// <summary>
    /// Details that are one JSON object or array go in as JSON, anything else as text. Checked with a reader over the
    /// UTF-8 bytes (which are then written as they are) rather than a parsed document: every classified line has details.
    /// </summary>
    private static void WriteDetails(Utf8JsonWriter json, string details)
    {
        var trimmed = details.AsSpan().TrimStart();
        if (trimmed.IsEmpty || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            json.WriteString("detailsText", details);
            return;
        }
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(details.Length));
        try
        {
            var utf8 = rented.AsSpan(0, Encoding.UTF8.GetBytes(details, rented));
            if (IsOneJsonValue(utf8))
            {
                json.WritePropertyName("details");
                json.WriteRawValue(utf8, skipInputValidation: true);
            }
            else
            {
                json.WriteString("detailsText", details);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool IsOneJsonValue(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        try
        {
            if (!reader.Read() || !reader.TrySkip())
            {
                return false;
            }
            return !reader.Read(); // nothing but whitespace after the value
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
