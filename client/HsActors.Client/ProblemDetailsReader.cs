using System.Net.Http.Headers;
using System.Text.Json;
using HsActors.Contracts;

namespace HsActors.Client;

/// <summary>Turns an error response into an <see cref="HsActorsApiException"/>, whether or not its body is a problem.</summary>
internal static class ProblemDetailsReader
{
    private const int MaxDetailFromPlainBody = 500;

    public static async Task<HsActorsApiException> ReadAsync(HttpResponseMessage response, string request, CancellationToken cancellationToken)
    {
        var retryAfter = RetryAfterOf(response.Headers.RetryAfter, DateTimeOffset.UtcNow);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (LooksLikeJson(response.Content.Headers.ContentType, body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    var root = document.RootElement;
                    return new HsActorsApiException(
                        response.StatusCode,
                        request,
                        StringMember(root, "title"),
                        StringMember(root, "detail"),
                        ErrorsMember(root),
                        retryAfter,
                        StringMember(root, "type"));
                }
            }
            catch (JsonException)
            {
                // A body that claims to be JSON and is not is still worth showing as text below.
            }
        }

        var detail = body.Length > MaxDetailFromPlainBody ? body[..MaxDetailFromPlainBody] + "…" : body;
        return new HsActorsApiException(
            response.StatusCode, request, response.ReasonPhrase, string.IsNullOrWhiteSpace(detail) ? null : detail.Trim(), null, retryAfter);
    }

    /// <summary>The delay a <c>Retry-After</c> header asks for, never negative; null when there is no header.</summary>
    public static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static bool LooksLikeJson(MediaTypeHeaderValue? contentType, string body) =>
        contentType?.MediaType is { } mediaType
            ? mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase)
            : body.TrimStart().StartsWith('{');

    private static string? StringMember(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Dictionary<string, IReadOnlyList<string>>? ErrorsMember(JsonElement root)
    {
        if (!root.TryGetProperty(ProblemFields.ErrorsMember, out var errors) || errors.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var byField = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in errors.EnumerateObject())
        {
            byField[field.Name] = field.Value.ValueKind switch
            {
                JsonValueKind.Array => field.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText()).ToArray(),
                JsonValueKind.String => [field.Value.GetString()!],
                _ => [field.Value.GetRawText()],
            };
        }

        return byField;
    }
}
