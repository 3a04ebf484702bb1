using System.Text.Json;
using System.Text.Json.Serialization;

namespace HsActors.LoadBench;

/// <summary>How the bench writes request bodies: the web defaults, an unset field (no --mode) left out, sent as JSON.</summary>
internal static class RequestBodies
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static byte[] Serialize<T>(T body) => JsonSerializer.SerializeToUtf8Bytes(body, Json);

    /// <summary>A serialised body as a request's JSON content (a new one per request: content is disposed with it).</summary>
    public static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }
}
