using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;

namespace HsActors.Silo.Api;

/// <summary>
/// Reads a JSON request body ourselves, so malformed JSON, values of the wrong type and oversized bodies become 400
/// problems naming the field (from the reader's JSON path: <c>lines[17].top</c>) rather than binder exceptions.
/// </summary>
internal static class JsonBody
{
    public const string BodyField = "body";

    public static async Task<(T? Value, Dictionary<string, string[]>? Errors)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, long maxBytes)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }
        // Our limit replaces the server's, which would otherwise cut large batches at its 30 MB default.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBytes + 1;
        }
        await using var limited = new BodyLimitStream(request.Body, maxBytes);
        try
        {
            var value = await JsonSerializer.DeserializeAsync(limited, type, request.HttpContext.RequestAborted);
            return value is null
                ? (null, Single(BodyField, "The body must be a JSON object, not null."))
                : (value, null);
        }
        catch (BodyTooLargeException)
        {
            return (null, TooLarge(maxBytes));
        }
        catch (JsonException e)
        {
            return (null, Single(FieldOf(e.Path), Describe(e)));
        }
    }

    /// <summary>"$.lines[17].description" → "lines[17].description"; the root → "body".</summary>
    public static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return BodyField;
        }
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string Describe(JsonException e)
    {
        var where = e.LineNumber is { } line && e.BytePositionInLine is { } position
            ? string.Create(CultureInfo.InvariantCulture, $" (line {line + 1}, byte {position + 1})")
            : "";
        // The serializer's own message names .NET types; callers need the JSON view. Its nesting limit is the one
        // failure that says nothing of a value's type, and "malformed" would send a caller looking at the wrong thing.
        if (IsNestingLimit(e))
        {
            return string.Create(CultureInfo.InvariantCulture, $"The JSON is nested deeper than the {MaxDepth} levels the server reads{where}.");
        }
        return e.Path is null or "$"
            ? $"The body is not valid JSON for this endpoint{where}."
            : $"The value is malformed or of the wrong JSON type{where}.";
    }

    /// <summary>System.Text.Json's default nesting limit, which the silo's serializer options keep.</summary>
    private const int MaxDepth = 64;

    private static bool IsNestingLimit(JsonException e) =>
        e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase) && e.Message.Contains(MaxDepth.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static Dictionary<string, string[]> TooLarge(long maxBytes) =>
        Single(BodyField, string.Create(CultureInfo.InvariantCulture, $"The body is larger than the limit of {maxBytes:N0} bytes."));

    private static Dictionary<string, string[]> Single(string field, string message) => new() { [field] = [message] };
}
