using System.Text.Json.Nodes;
using System.Text.Json;
using HsActors.Api.Fuzz.Tests.Document;
using HsActors.Api.Fuzz.Tests.Generation;
using Json.Schema;

namespace HsActors.Api.Fuzz.Tests.Checks;

/// <summary>
/// What every answer of the API must hold, whatever was asked: no 5xx; a 4xx is an RFC 7807 problem, and a 400 names
/// the field at fault; nothing internal shows (stack traces, exception names, absolute paths); a 2xx has the status
/// and the shape the document gives the operation; and the role table of <see cref="RoleExpectation"/>.
/// </summary>
public static class ResponseRules
{
    public const string ProblemJson = "application/problem+json";

    private const int ShownCharacters = 300;

    /// <summary>Internals a body must never show, unless the request itself carried them (the silo may echo input).</summary>
    private static readonly string[] Internals = ["   at ", "Exception", "/work/", "/tmp/", "/home/", "/root/"];

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };

    public static IEnumerable<Violation> Check(FuzzRequest request, FuzzResponse response)
    {
        if (response.Status >= 500)
        {
            yield return new("no 5xx", $"{response.Status}: {Shown(response.Body)}");
        }
        var sent = request.SentText;
        foreach (var marker in Internals)
        {
            if (response.Body.Contains(marker, StringComparison.Ordinal) && !sent.Contains(marker, StringComparison.Ordinal))
            {
                yield return new("no internals in a body", $"'{marker}' in {response.Status}: {Around(response.Body, marker)}");
            }
        }
        if (response.Status is >= 400 and < 500 && !response.IsServerRejection)
        {
            foreach (var violation in Problem(request, response))
            {
                yield return violation;
            }
        }
        if (response.Status is >= 200 and < 300 && request.Route.Operation is { } served)
        {
            foreach (var violation in Documented(served, response))
            {
                yield return violation;
            }
        }
        if (RoleExpectation.Check(request, response) is { } refused)
        {
            yield return refused;
        }
    }

    private static IEnumerable<Violation> Problem(FuzzRequest request, FuzzResponse response)
    {
        if (response.MediaType != ProblemJson)
        {
            yield return new("4xx is problem+json", $"{response.Status} as '{response.MediaType ?? "no content type"}': {Shown(response.Body)}");
            yield break;
        }
        var problem = Parse(response.Body) as JsonObject;
        if (problem is null)
        {
            yield return new("4xx is problem+json", $"{response.Status} body is not a JSON object: {Shown(response.Body)}");
            yield break;
        }
        if (problem["status"] is not JsonValue status || !status.TryGetValue<int>(out var code) || code != response.Status)
        {
            yield return new("problem states its status", $"{response.Status} with status member {problem["status"]?.ToJsonString() ?? "missing"}");
        }
        if (response.Status == 400 && (problem["errors"] is not JsonObject errors || errors.Count == 0
            || errors.Any(e => e.Key.Length == 0 || e.Value is not JsonArray { Count: > 0 })))
        {
            yield return new("400 names the field at fault", Shown(response.Body));
        }
        else if (problem["errors"] is JsonObject named && request.Route.Operation is { } served
            && named.Select(e => e.Key).FirstOrDefault(field => !NamesAField(field, served.FieldNames, request.SentText)) is { } unknown)
        {
            yield return new("problem names a field of the request", $"'{unknown}' in {response.Status}: {Shown(response.Body)}");
        }
    }

    private static IEnumerable<Violation> Documented(ApiOperation operation, FuzzResponse response)
    {
        if (!operation.Responses.TryGetValue(response.Status, out var documented))
        {
            yield return new("2xx status is documented", $"{response.Status} is not among {string.Join(", ", operation.Responses.Keys)}: {Shown(response.Body)}");
            yield break;
        }
        if (documented.Schema is null)
        {
            if (response.Body.Length > 0)
            {
                yield return new("2xx body is documented", $"{response.Status} '{response.MediaType}' body, the document names no content: {Shown(response.Body)}");
            }
            yield break;
        }
        if (response.MediaType != documented.MediaType)
        {
            yield return new("2xx media type is documented", $"{response.Status} as '{response.MediaType}', documented '{documented.MediaType}'");
        }
        if (SchemaErrors(documented.Schema, response.Body) is { Count: > 0 } errors)
        {
            yield return new("2xx body matches its schema", $"{response.Status}: {string.Join("; ", errors.Take(5))} in {Shown(response.Body)}");
        }
    }

    /// <summary>Where and why a body fails a schema (a body that is not JSON is checked as JSON null); empty when it passes.</summary>
    public static IReadOnlyList<string> SchemaErrors(JsonSchema schema, string body)
    {
        var result = schema.Evaluate(Parse(body), Evaluation);
        return result.IsValid ? []
            : [.. (result.Details ?? []).Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))];
    }

    /// <summary>
    /// "assessments[3].officerId" names officerId inside assessments: each step must be a field of the operation, or
    /// a member the request itself sent (malformed JSON inside an unknown member is reported where it sits).
    /// </summary>
    private static bool NamesAField(string field, IReadOnlySet<string> names, string sent) =>
        field.Split('.').Select(step => step.Split('[')[0]).All(step => names.Contains(step) || sent.Contains($"\"{step}\"", StringComparison.Ordinal));

    private static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Shown(string body) => body.Length <= ShownCharacters ? body : body[..ShownCharacters] + $"… ({body.Length:N0} characters)";

    private static string Around(string body, string marker)
    {
        var at = body.IndexOf(marker, StringComparison.Ordinal);
        var start = Math.Max(0, at - 80);
        return "…" + body[start..Math.Min(body.Length, at + marker.Length + 160)] + "…";
    }
}
