using System.Text;
using System.Text.Json;
using HsActors.Classification.Hierarchy;

namespace HsActors.Cli;

/// <summary>
/// Writes one JSON line of <c>hs classify</c> output: {"id":…,"recommendations":[{"code":"87141090","probability":0.81},…]},
/// plus importerId / declaredCode / declaredCodeRank when the input gave them, or {"id":…,"error":"…"}.
/// </summary>
public static class ClassifyOutputLine
{
    public static string Recommendations(ClassifyRequest request, IReadOnlyList<CodeRecommendation> recommendations) => Write(w =>
    {
        w.WritePropertyName("id");
        request.Id.WriteTo(w);
        if (request.ImporterId is not null)
        {
            w.WriteString("importerId", request.ImporterId);
        }
        w.WriteStartArray("recommendations");
        foreach (var r in recommendations)
        {
            w.WriteStartObject();
            w.WriteString("code", r.Code.Digits);
            w.WriteNumber("probability", Math.Round((double)r.Probability, 6));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (request.DeclaredCode is { } declared)
        {
            w.WriteString("declaredCode", declared.Digits);
            // 1-based position of the first recommendation inside the declared code (it may be a heading or subheading).
            var rank = recommendations.Select((r, i) => (r, i)).FirstOrDefault(x => x.r.Code.StartsWith(declared), (default, -1)).Item2;
            if (rank >= 0)
            {
                w.WriteNumber("declaredCodeRank", rank + 1);
            }
            else
            {
                w.WriteNull("declaredCodeRank");
            }
        }
    });

    public static string Error(JsonElement id, string error) => Write(w =>
    {
        w.WritePropertyName("id");
        id.WriteTo(w);
        w.WriteString("error", error);
    });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
