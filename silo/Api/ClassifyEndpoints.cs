using HsActors.Abstractions.Audit;
using HsActors.Abstractions.Grains;
using HsActors.Contracts;
using HsActors.Grains.Audit;
using HsActors.Silo.Api.Documentation;
using HsActors.Silo.Hosting;
using HsActors.Silo.Metrics;
using HsActors.Silo.Security;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace HsActors.Silo.Api;

/// <summary>POST /v1/classify and /v1/classify/batch.</summary>
internal static class ClassifyEndpoints
{
    public const string ExplainQuery = "explain";
    private const string ExplainDescription = "false leaves out each recommendation's explanation (the terms behind it); true by default; once.";

    public static void MapClassifyEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/classify", ClassifyAsync)
            .RequireAuthorization(ApiRoles.ClassifyPolicy)
            .WithName("Classify")
            .WithSummary("Ranked HS codes for one goods description, with the declared-code check and importer summary.")
            .Accepts<ClassifyRequest>("application/json")
            .WithQueryParameter(ExplainQuery, JsonSchemaType.Boolean, ExplainDescription)
            .Produces<ClassifyResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        v1.MapPost("/classify/batch", ClassifyBatchAsync)
            .RequireAuthorization(ApiRoles.ClassifyPolicy)
            .WithName("ClassifyBatch")
            .WithSummary("Up to 10,000 lines classified in parallel; results in the lines' order. ?explain=false skips explanations.")
            .Accepts<BatchClassifyRequest>("application/json")
            .WithQueryParameter(ExplainQuery, JsonSchemaType.Boolean, ExplainDescription)
            .Produces<BatchClassifyResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static Task<IResult> ClassifyAsync(
        HttpContext context, IGrainFactory grains, SiloReadiness readiness, ClassifyRequestValidator validator,
        IOptions<SiloOptions> options, SiloMetrics metrics, IAuditTrail audit, TimeProvider time) =>
        ClassifyLinesAsync<ClassifyRequest>(
            context, grains, readiness, metrics, audit, time, options.Value.Limits.MaxRequestBytes, validator.Validate,
            request => [request], results => TypedResults.Json(results[0], SiloJsonContext.Default.ClassifyResponse));

    private static async Task<IResult> ClassifyBatchAsync(
        HttpContext context, IGrainFactory grains, SiloReadiness readiness, ClassifyRequestValidator validator,
        IOptions<SiloOptions> options, SiloMetrics metrics, IAuditTrail audit, TimeProvider time, BatchAdmission admission)
    {
        using var turn = await admission.EnterAsync(context.RequestAborted);
        if (turn is null)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(admission.Wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Busy with batches",
                "This silo is ranking as many batches as it takes at once; send the batch again after Retry-After, or to another silo.");
        }
        return await ClassifyLinesAsync<BatchClassifyRequest>(
            context, grains, readiness, metrics, audit, time, options.Value.Limits.MaxBatchRequestBytes, validator.Validate,
            request => request.Lines, results => new BatchClassifyJsonResult(results));
    }

    /// <summary>The single and batch routes differ only in their body, its size limit and the answer's shape.</summary>
    private static async Task<IResult> ClassifyLinesAsync<TRequest>(
        HttpContext context, IGrainFactory grains, SiloReadiness readiness, SiloMetrics metrics, IAuditTrail audit, TimeProvider time,
        long maxBytes, Func<TRequest, Dictionary<string, string[]>?> validate, Func<TRequest, IReadOnlyList<ClassifyRequest>> linesOf,
        Func<IReadOnlyList<ClassifyResponse>, IResult> answer)
        where TRequest : class
    {
        if (!readiness.IsReady)
        {
            return NotReady(context, readiness);
        }
        if (!TryReadExplain(context.Request, out var explain, out var queryErrors))
        {
            return Problems.Validation(queryErrors);
        }
        var (request, errors) = await JsonBody.ReadAsync(context.Request, SiloJsonContext.RequestType<TRequest>(), maxBytes);
        errors ??= validate(request!);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }
        var lines = linesOf(request!);
        var readable = lines.Where(l => RequestFields.HasReadableWord(l.Description)).ToArray();
        var answered = readable.Length == 0 ? [] : (await grains.GetGrain<IRouterGrain>(IRouterGrain.Key).ClassifyAsync(new(readable), new ClassifyCallOptions(explain))).Value;
        var results = readable.Length == lines.Count ? answered : WithUnreadable(lines, answered);
        metrics.RecordClassified(answered);
        Audit(audit, context, time, lines, results);
        return answer(results);
    }

    /// <summary>The router's answers in the lines' order, with an error entry for each line that had nothing to read.</summary>
    private static ClassifyResponse[] WithUnreadable(IReadOnlyList<ClassifyRequest> lines, IReadOnlyList<ClassifyResponse> answered)
    {
        var results = new ClassifyResponse[lines.Count];
        var next = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            results[i] = RequestFields.HasReadableWord(lines[i].Description)
                ? answered[next++]
                : new ClassifyResponse { Id = lines[i].Id, Recommendations = [], Chapters = [], ModelVersions = new Dictionary<string, string>(), Error = RequestFields.NoReadableWord };
        }
        return results;
    }

    /// <summary>Every answer goes to the audit trail, buffered: the request does not wait for the write.</summary>
    private static void Audit(IAuditTrail audit, HttpContext context, TimeProvider time, IReadOnlyList<ClassifyRequest> lines, IReadOnlyList<ClassifyResponse> results)
    {
        var actor = AssessmentEndpoints.ApiKeyName(context);
        var now = time.GetUtcNow();
        for (var i = 0; i < results.Count; i++)
        {
            audit.Append(AuditEntries.Classification(lines[i], results[i], actor, now));
        }
    }

    internal static IResult NotReady(HttpContext context, SiloReadiness readiness)
    {
        context.Response.Headers.RetryAfter = "10";
        return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Not ready", readiness.Detail);
    }

    private static bool TryReadExplain(HttpRequest request, out bool explain, out Dictionary<string, string[]> errors)
    {
        explain = true;
        errors = [];
        if (!request.Query.TryGetValue(ExplainQuery, out var values))
        {
            return true;
        }
        if (values.Count == 1 && bool.TryParse(values[0], out explain))
        {
            return true;
        }
        errors[ExplainQuery] = ["explain must be true or false."];
        return false;
    }
}
