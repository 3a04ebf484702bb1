using System.Text.Json;
using System.Text.Json.Serialization;

namespace HsActors.LoadBench;

/// <summary>How the bench writes request bodies: the web defaults, and an unset field (no --mode) left out.</summary>
internal static class RequestBodies
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static byte[] Serialize<T>(T body) => JsonSerializer.SerializeToUtf8Bytes(body, Json);
}
