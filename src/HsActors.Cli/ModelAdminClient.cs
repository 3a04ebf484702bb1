using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using HsActors.Contracts.Models;

namespace HsActors.Cli;

/// <summary>
/// The silo's <c>/v1/admin/models</c> API for <c>hs models</c>. Pointer changes are not retried: a change that may
/// have landed is for the administrator to re-read, not for the tool to repeat.
/// </summary>
public sealed class ModelAdminClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Wire = JsonSerializerOptions.Web;

    public Task<ModelChapterList> ListAsync(CancellationToken cancellationToken) => GetAsync<ModelChapterList>("v1/admin/models", cancellationToken);

    public Task<ModelChapterDetail> ShowAsync(string chapter, CancellationToken cancellationToken) =>
        GetAsync<ModelChapterDetail>("v1/admin/models/" + Uri.EscapeDataString(chapter), cancellationToken);

    /// <param name="action">promote, rollback, canary, shadow, pin, unpin.</param>
    public async Task<ModelChapterSummary> ChangeAsync(HttpMethod method, string chapter, string action, ModelPointerRequest body, string? ifMatch, CancellationToken cancellationToken)
    {
        var route = $"v1/admin/models/{Uri.EscapeDataString(chapter)}/{action}";
        using var request = new HttpRequestMessage(method, route) { Content = JsonContent.Create(body, options: Wire) };
        if (!string.IsNullOrWhiteSpace(ifMatch))
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch.StartsWith('"') ? ifMatch : $"\"{ifMatch}\""));
        }
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<ModelChapterSummary>(response, $"{method} /{route}", cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> GetAsync<T>(string route, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(route, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, "GET /" + route, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, string request, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ModelAdminException((int)response.StatusCode, $"{request} answered {(int)response.StatusCode}: {Describe(text)}");
        }
        return JsonSerializer.Deserialize<T>(text, Wire) ?? throw new ModelAdminException((int)response.StatusCode, $"{request} answered an empty body.");
    }

    /// <summary>A problem's title, detail and field errors on one line.</summary>
    private static string Describe(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject problem)
            {
                var parts = new List<string>();
                foreach (var name in new[] { "title", "detail" })
                {
                    if (problem[name]?.GetValue<string>() is { Length: > 0 } value)
                    {
                        parts.Add(value);
                    }
                }
                if (problem["errors"] is JsonObject errors)
                {
                    parts.AddRange(errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value!.AsArray().Select(m => m!.GetValue<string>()))}"));
                }
                return string.Join(" ", parts);
            }
        }
        catch (JsonException)
        {
            // not a problem document: show it as it came
        }
        return body.Length > 500 ? body[..500] : body;
    }
}
