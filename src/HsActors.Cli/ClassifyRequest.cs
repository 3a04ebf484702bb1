using System.Text.Json;
using HsActors.Nomenclature;

namespace HsActors.Cli;

/// <summary>
/// One input line of <c>hs classify --input</c>: a plain description, or a JSON object with <c>description</c> and
/// optional <c>id</c>, <c>importerId</c>, <c>declaredCode</c>, <c>category</c> (a marketplace category path) and
/// <c>attributes</c> (an object of names to values). A line that cannot be classified carries an error.
/// </summary>
public sealed record ClassifyRequest(JsonElement Id, string? Description, string? ImporterId, HsCode? DeclaredCode, string? Error,
    string? Category = null, IReadOnlyDictionary<string, string>? Attributes = null)
{
    public static ClassifyRequest Parse(string line, long lineNumber)
    {
        var lineId = JsonSerializer.SerializeToElement(lineNumber);
        if (string.IsNullOrWhiteSpace(line))
        {
            return Failed(lineId, "blank line: expected a goods description or a JSON object with \"description\"");
        }
        if (!line.AsSpan().TrimStart().StartsWith("{"))
        {
            return new ClassifyRequest(lineId, line.Trim(), null, null, null);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return Failed(lineId, $"invalid JSON: {e.Message}");
        }
        catch (ArgumentException)
        {
            return Failed(lineId, LoneSurrogate);
        }
        using (document)
        {
            try
            {
                return FromObject(document.RootElement, lineId);
            }
            catch (InvalidOperationException)
            {
                // JSON can escape half of a surrogate pair ("\ud800"); reading such a name or string as text throws.
                return Failed(lineId, LoneSurrogate);
            }
        }
    }

    private const string LoneSurrogate = "the line holds a lone UTF-16 surrogate (such as an escaped \\ud800 without its pair), which is not text";

    private static ClassifyRequest FromObject(JsonElement root, JsonElement lineId)
    {
        var id = root.TryGetProperty("id", out var given) && given.ValueKind is JsonValueKind.String or JsonValueKind.Number ? given.Clone() : lineId;
        if (!root.TryGetProperty("description", out var description) || description.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(description.GetString()))
        {
            return Failed(id, "the JSON object has no non-empty string \"description\"");
        }
        string? importer = null;
        if (root.TryGetProperty("importerId", out var importerElement) && importerElement.ValueKind != JsonValueKind.Null)
        {
            if (importerElement.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
            {
                return Failed(id, "\"importerId\" must be a string");
            }
            importer = importerElement.ValueKind == JsonValueKind.String ? importerElement.GetString() : importerElement.GetRawText();
        }
        HsCode? declared = null;
        if (root.TryGetProperty("declaredCode", out var declaredElement) && declaredElement.ValueKind != JsonValueKind.Null)
        {
            var text = declaredElement.ValueKind == JsonValueKind.String ? declaredElement.GetString() : declaredElement.GetRawText();
            if (!HsCode.TryParse(text, out var code))
            {
                return Failed(id, $"\"declaredCode\" '{text}' is not an HS code (2 to 10 digits, dots or spaces allowed)");
            }
            declared = code.Level > 8 ? code.Truncate(8) : code;
        }
        string? category = null;
        if (root.TryGetProperty("category", out var categoryElement) && categoryElement.ValueKind != JsonValueKind.Null)
        {
            if (categoryElement.ValueKind != JsonValueKind.String)
            {
                return Failed(id, "\"category\" must be a string (a category path such as \"Fashion > Shoes > Sneakers\")");
            }
            category = categoryElement.GetString();
        }
        Dictionary<string, string>? attributes = null;
        if (root.TryGetProperty("attributes", out var attributesElement) && attributesElement.ValueKind != JsonValueKind.Null)
        {
            if (attributesElement.ValueKind != JsonValueKind.Object)
            {
                return Failed(id, "\"attributes\" must be an object of names to values");
            }
            attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var attribute in attributesElement.EnumerateObject())
            {
                if (attribute.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                {
                    return Failed(id, $"attribute \"{attribute.Name}\" must have a string, number or boolean value");
                }
                attributes[attribute.Name] = attribute.Value.ValueKind == JsonValueKind.String ? attribute.Value.GetString()! : attribute.Value.GetRawText();
            }
        }
        return new ClassifyRequest(id, description.GetString()!.Trim(), importer, declared, null, category, attributes);
    }

    private static ClassifyRequest Failed(JsonElement id, string error) => new(id, null, null, null, error);
}
