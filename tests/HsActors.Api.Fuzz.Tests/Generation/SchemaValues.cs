using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.OpenApi;

namespace HsActors.Api.Fuzz.Tests.Generation;

/// <summary>
/// Valid request values built from the document's request schemas: every required member and some optional ones,
/// arrays of a few items, values from <see cref="FieldSamples"/> where the member's name is known, otherwise from the
/// member's type. With <c>boundary</c>, known members take their boundary values and arrays their largest size.
/// </summary>
public sealed class SchemaValues(FieldSamples samples)
{
    private const int MaxDepth = 6;

    /// <summary>Members of a batch: a few lines usually, up to the size the silo's limits name at the boundary.</summary>
    private static readonly Dictionary<string, int> BoundaryArraySizes = new(StringComparer.Ordinal)
    {
        ["lines"] = 1_000,
        ["assessments"] = 50,
    };

    public Gen<JsonNode?> For(IOpenApiSchema schema, bool boundary) => Value(schema, field: null, boundary, depth: 0);

    private Gen<JsonNode?> Value(IOpenApiSchema schema, string? field, bool boundary, int depth)
    {
        if (field is not null && samples.For(field, boundary) is { } known)
        {
            return known;
        }
        var nonNull = schema.OneOf?.FirstOrDefault(s => s.Type is not JsonSchemaType.Null) ?? schema.AnyOf?.FirstOrDefault(s => s.Type is not JsonSchemaType.Null);
        if (nonNull is not null)
        {
            return Value(nonNull, field, boundary, depth);
        }
        if (schema.Enum is { Count: > 0 } values)
        {
            return Gen.Int[0, values.Count - 1].Select(i => values[i]?.DeepClone());
        }
        var type = schema.Type ?? (schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : JsonSchemaType.String);
        if (depth >= MaxDepth)
        {
            return Gen.Const((JsonNode?)null);
        }
        if (type.HasFlag(JsonSchemaType.Object))
        {
            return Object(schema, boundary, depth);
        }
        if (type.HasFlag(JsonSchemaType.Array))
        {
            var items = schema.Items is { } itemSchema ? Value(itemSchema, null, boundary, depth + 1) : Gen.Const((JsonNode?)null);
            var size = boundary && field is not null && BoundaryArraySizes.TryGetValue(field, out var largest) ? Gen.Const(largest) : Gen.Int[1, 3];
            return items.List[size].Select(list => (JsonNode?)new JsonArray([.. list]));
        }
        if (type.HasFlag(JsonSchemaType.Integer))
        {
            return Gen.Int[0, 100].Select(n => (JsonNode?)JsonValue.Create(n));
        }
        if (type.HasFlag(JsonSchemaType.Number))
        {
            return Gen.Double[0, 1].Select(n => (JsonNode?)JsonValue.Create(n));
        }
        if (type.HasFlag(JsonSchemaType.Boolean))
        {
            return Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b));
        }
        return Gen.String.AlphaNumeric.Select(s => (JsonNode?)JsonValue.Create(s.Length == 0 ? "x" : s));
    }

    private Gen<JsonNode?> Object(IOpenApiSchema schema, bool boundary, int depth)
    {
        var required = schema.Required ?? new HashSet<string>();
        Gen<List<KeyValuePair<string, JsonNode?>>> members = Gen.Const(new List<KeyValuePair<string, JsonNode?>>());
        foreach (var (name, member) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            var value = Value(member, name, boundary, depth + 1);
            var include = required.Contains(name) ? Gen.Const(true) : Gen.Bool;
            members = members.SelectMany(list => include.SelectMany(take => take
                ? value.Select(v => (List<KeyValuePair<string, JsonNode?>>)[.. list, new(name, v)])
                : Gen.Const(list)));
        }
        return members.Select(list => (JsonNode?)new JsonObject(list));
    }
}
