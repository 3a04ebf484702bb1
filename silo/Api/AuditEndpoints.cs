using System.Globalization;
using System.Text.Json;
using HsActors.Abstractions.Audit;
using HsActors.Contracts;
using HsActors.Silo.Api.Documentation;
using HsActors.Silo.Security;
using Microsoft.OpenApi;

namespace HsActors.Silo.Api;

/// <summary>GET /v1/audit: the recorded decisions (classification answers, assessments, model changes), oldest first.</summary>
internal static class AuditEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1_000;
    private const int MaxSubjectLength = 256;

    public static void MapAuditEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/audit", QueryAsync)
            .RequireAuthorization(ApiRoles.AuditPolicy)
            .WithName("QueryAudit")
            .WithSummary("Audit entries by kind (classification, assessment, modelPointer, retraining), subject and time (ISO 8601, inclusive); oldest first, at most limit (1..1000, default 100).")
            .WithQueryParameter("kind", JsonSchemaType.String, $"One of {string.Join(", ", Enum.GetNames<AuditKind>())}, once.")
            .WithQueryParameter("subject", JsonSchemaType.String, $"The entries' subject (a chapter, importer or assessment id), 1 to {MaxSubjectLength} characters.")
            .WithQueryParameter("from", JsonSchemaType.String, "Entries at or after this ISO 8601 date or date and time.", "date-time")
            .WithQueryParameter("to", JsonSchemaType.String, "Entries at or before this ISO 8601 date or date and time.", "date-time")
            .WithQueryParameter("limit", JsonSchemaType.Integer, $"At most this many entries, 1 to {MaxLimit} (default {DefaultLimit}).", "int32")
            .Produces<AuditPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> QueryAsync(HttpContext context, IAuditTrail audit)
    {
        if (!TryParse(context.Request.Query, out var query, out var errors))
        {
            return Problems.Validation(errors);
        }
        var entries = new List<AuditRecord>();
        await foreach (var entry in audit.QueryAsync(query, context.RequestAborted))
        {
            entries.Add(new AuditRecord(entry.Id, entry.Kind.ToString(), entry.At, entry.Actor, entry.Subject, DetailsOf(entry.Details)));
        }
        return TypedResults.Json(new AuditPage(entries), SiloJsonContext.Default.AuditPage);
    }

    private static bool TryParse(IQueryCollection parameters, out AuditQuery query, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        query = new AuditQuery();
        if (Single(parameters, "kind", errors) is { } kindText)
        {
            // Enum.TryParse reads "a,b" as a combination of flags, which the kinds are not: one kind per query.
            if (kindText.Contains(',', StringComparison.Ordinal) || int.TryParse(kindText, out _)
                || !Enum.TryParse<AuditKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            {
                errors["kind"] = [$"kind must be one of {string.Join(", ", Enum.GetNames<AuditKind>())} (one kind per query)."];
            }
            else
            {
                query = query with { Kind = kind };
            }
        }
        if (Single(parameters, "subject", errors) is { } subject)
        {
            if (subject.Length is 0 or > MaxSubjectLength)
            {
                errors["subject"] = [$"subject must be 1 to {MaxSubjectLength} characters."];
            }
            else
            {
                query = query with { Subject = subject };
            }
        }
        var from = Time(parameters, "from", errors);
        var to = Time(parameters, "to", errors);
        if (from is not null && to is not null && from > to)
        {
            errors["to"] = ["to must not be before from."];
        }
        query = query with { From = from, To = to };
        if (Single(parameters, "limit", errors) is { } limitText)
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > MaxLimit)
            {
                errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
            }
            else
            {
                query = query with { Limit = limit };
            }
        }
        else
        {
            query = query with { Limit = DefaultLimit };
        }
        return errors.Count == 0;
    }

    private static string? Single(IQueryCollection parameters, string name, Dictionary<string, string[]> errors)
    {
        if (!parameters.TryGetValue(name, out var values))
        {
            return null;
        }
        if (values.Count != 1)
        {
            errors[name] = [$"{name} may be given once."];
            return null;
        }
        return values[0];
    }

    private static DateTimeOffset? Time(IQueryCollection parameters, string name, Dictionary<string, string[]> errors)
    {
        if (Single(parameters, name, errors) is not { } text)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var time))
        {
            return time;
        }
        errors[name] = [$"{name} must be an ISO 8601 date or date and time (2025-01-31T09:30:00Z)."];
        return null;
    }

    /// <summary>Structured details travel as JSON; free text as a JSON string.</summary>
    private static JsonElement DetailsOf(string details)
    {
        try
        {
            using var document = JsonDocument.Parse(details);
            if (document.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            // free text
        }
        return JsonSerializer.SerializeToElement(details, SiloJsonContext.Default.String);
    }
}
