using System.Text.Json.Nodes;
using System.Text;
using CsCheck;
using HsActors.Fuzzing;
using Microsoft.OpenApi;

namespace HsActors.Api.Fuzz.Tests.Generation;

public enum RequestKind
{
    Valid,
    Boundary,
    Invalid,
}

/// <summary>A request body as bytes on the wire (null: none), its content type, and what the generator meant it to be.</summary>
public sealed record FuzzBody(byte[]? Content, string? ContentType, RequestKind Kind)
{
    public static readonly FuzzBody None = new(null, null, RequestKind.Valid);

    public bool IsJson => ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
        && !ContentType.Contains("utf-16", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Bodies for an operation's request schema: valid and boundary ones from <see cref="SchemaValues"/>, and invalid
/// ones made from a valid one (a member removed, nulled, of the wrong type, hostile text, a number no type holds, an
/// odd date, an unknown member) or from nothing (not JSON, the wrong JSON, nesting deeper than any reader allows).
/// </summary>
public sealed class RequestBodies(SchemaValues values)
{
    private const string Json = "application/json";

    // Stands in for a raw literal (1e309, NaN, a lone surrogate escape) until the JSON text is written.
    private const string RawPlaceholder = "__raw_literal__";

    private static readonly byte[][] NotJson =
    [
        [], "null"u8.ToArray(), "[]"u8.ToArray(), "[{}]"u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "\"text\""u8.ToArray(), "42"u8.ToArray(),
        "{\"a\":}"u8.ToArray(), "{'description':'coffee'}"u8.ToArray(), "{\"description\":\"coffee\"} trailing"u8.ToArray(),
        [0x7B, 0x22, 0x64, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D], // {"d":"<invalid UTF-8>"}
        [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00], // UTF-16 with its byte order mark
        "\0\0\0\0"u8.ToArray(), "description=coffee&top=3"u8.ToArray(), "<classify><description>coffee</description></classify>"u8.ToArray(),
        Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)),
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_000)),
    ];

    private static readonly string[] OddContentTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "multipart/form-data; boundary=x",
    ];

    public Gen<FuzzBody> For(IOpenApiSchema? schema)
    {
        if (schema is null)
        {
            return Gen.Frequency(
                (9, Gen.Const(FuzzBody.None)),
                (1, Gen.OneOf(NotJson).Select(bytes => new FuzzBody(bytes, Json, RequestKind.Invalid))));
        }
        var valid = values.For(schema, boundary: false);
        var boundary = values.For(schema, boundary: true);
        return Gen.Frequency(
            (30, valid.Select(node => Body(node, RequestKind.Valid))),
            (10, boundary.Select(node => Body(node, RequestKind.Boundary))),
            (35, valid.SelectMany(Mutated)),
            (10, Gen.OneOf(NotJson).Select(bytes => new FuzzBody(bytes, Json, RequestKind.Invalid))),
            (5, valid.SelectMany(node => Gen.OneOf(OddContentTypes).Select(type => Body(node, RequestKind.Invalid) with { ContentType = type }))),
            (5, valid.Select(node => Body(node, RequestKind.Invalid) with { ContentType = null })),
            (5, valid.Select(node => new FuzzBody([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Text(node))], Json, RequestKind.Invalid))));
    }

    private static FuzzBody Body(JsonNode? node, RequestKind kind) => new(Encoding.UTF8.GetBytes(Text(node)), Json, kind);

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";

    /// <summary>One member anywhere in the body (or an item of an array) removed, nulled or replaced; or an unknown member added.</summary>
    private static Gen<FuzzBody> Mutated(JsonNode? valid)
    {
        var slots = Slots(valid).ToList();
        if (slots.Count == 0)
        {
            return Gen.Const(Body(valid, RequestKind.Invalid));
        }
        return Gen.Select(Gen.Int[0, slots.Count - 1], Gen.Int[0, 9], HostileText.Any, Gen.OneOf(HostileText.NumberLiterals), Gen.OneOf(HostileText.Dates),
            (index, mutation, text, number, date) =>
            {
                var (parent, name, position) = slots[index];
                string? raw = mutation switch
                {
                    2 => number,
                    7 => "\"\\ud800\"", // a lone surrogate, which JSON can spell but UTF-16 cannot hold
                    _ => null,
                };
                JsonNode? replacement = mutation switch
                {
                    1 => JsonValue.Create(text),
                    2 or 7 => JsonValue.Create(RawPlaceholder),
                    3 => JsonValue.Create(date),
                    4 => JsonValue.Create(12345),
                    5 => new JsonArray(JsonValue.Create("coffee")),
                    6 => new JsonObject { ["nested"] = JsonValue.Create(true) },
                    _ => null,
                };
                switch (parent)
                {
                    case JsonObject members when mutation == 8:
                        members.Remove(name!);
                        break;
                    case JsonObject members when mutation == 9:
                        members["unexpected"] = JsonValue.Create(text);
                        break;
                    case JsonObject members:
                        members[name!] = replacement;
                        break;
                    case JsonArray items:
                        items[position] = replacement;
                        break;
                }
                var json = Text(valid);
                return new FuzzBody(Encoding.UTF8.GetBytes(raw is null ? json : json.Replace($"\"{RawPlaceholder}\"", raw, StringComparison.Ordinal)), Json, RequestKind.Invalid);
            });
    }

    /// <summary>Every place a value sits: (object, member name, -) or (array, -, index).</summary>
    private static IEnumerable<(JsonNode Parent, string? Name, int Index)> Slots(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject members:
                foreach (var (name, child) in members.ToList())
                {
                    yield return (members, name, -1);
                    foreach (var inner in Slots(child))
                    {
                        yield return inner;
                    }
                }
                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    yield return (items, null, i);
                    foreach (var inner in Slots(items[i]))
                    {
                        yield return inner;
                    }
                }
                break;
        }
    }
}
