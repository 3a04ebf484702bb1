using System.Buffers;
using System.Text.Json;
using HsActors.Abstractions.Audit;

namespace HsActors.Grains.Audit;

/// <summary>
/// One audit entry per JSON line. Details that are a JSON object or array are embedded as JSON (so the files read
/// like the decisions they record); any other text is kept verbatim as <c>detailsText</c>.
/// </summary>
internal static class AuditLineCodec
{
    public static void Write(ArrayBufferWriter<byte> buffer, AuditEntry entry)
    {
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", entry.Id);
            json.WriteString("kind", entry.Kind.ToString());
            json.WriteString("at", entry.At);
            json.WriteString("actor", entry.Actor);
            json.WriteString("subject", entry.Subject);
            if (IsStructuredJson(entry.Details))
            {
                json.WritePropertyName("details");
                json.WriteRawValue(entry.Details, skipInputValidation: true);
            }
            else
            {
                json.WriteString("detailsText", entry.Details);
            }
            json.WriteEndObject();
        }
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

    private static bool IsStructuredJson(string details)
    {
        var trimmed = details.AsSpan().TrimStart();
        if (trimmed.IsEmpty || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(details);
            return document.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
