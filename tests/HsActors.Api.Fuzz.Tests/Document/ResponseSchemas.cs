using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.OpenApi;

namespace HsActors.Api.Fuzz.Tests.Document;

/// <summary>
/// Turns the document's response schemas into JSON Schema 2020-12 documents JsonSchema.Net can evaluate: OpenAPI 3.1
/// schemas are JSON Schema already, so each one is written as the document has it, with the document's component
/// schemas beside it under <c>$defs</c> and every <c>#/components/schemas/…</c> reference pointed there.
/// </summary>
internal sealed class ResponseSchemas(OpenApiDocument document)
{
    private const string ComponentPrefix = "#/components/schemas/";
    private const string DefinitionPrefix = "#/$defs/";

    private readonly JsonObject _definitions = Definitions(document);

    public JsonSchema For(IOpenApiSchema schema)
    {
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://hsactors.fuzz/responses/{Guid.NewGuid():N}",
            ["$defs"] = _definitions.DeepClone(),
            ["allOf"] = new JsonArray(Serialized(schema)),
        };
        return JsonSchema.FromText(root.ToJsonString());
    }

    private static JsonObject Definitions(OpenApiDocument document)
    {
        var definitions = new JsonObject();
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            definitions[name] = Serialized(schema);
        }
        return definitions;
    }

    private static JsonNode Serialized(IOpenApiSchema schema)
    {
        using var text = new StringWriter();
        schema.SerializeAsV31(new OpenApiJsonWriter(text));
        var node = JsonNode.Parse(text.ToString()) ?? new JsonObject();
        Redirect(node);
        return node;
    }

    private static void Redirect(JsonNode node)
    {
        switch (node)
        {
            case JsonObject members:
                if (members["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target && target.StartsWith(ComponentPrefix, StringComparison.Ordinal))
                {
                    members["$ref"] = DefinitionPrefix + target[ComponentPrefix.Length..];
                }
                foreach (var (_, child) in members.ToList())
                {
                    if (child is not null)
                    {
                        Redirect(child);
                    }
                }
                break;
            case JsonArray items:
                foreach (var child in items)
                {
                    if (child is not null)
                    {
                        Redirect(child);
                    }
                }
                break;
        }
    }
}
