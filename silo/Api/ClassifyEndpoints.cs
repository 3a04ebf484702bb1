using HsActors.Abstractions.Audit;
using HsActors.Abstractions.Grains;
using HsActors.Contracts;
using HsActors.Grains.Audit;
using HsActors.Silo.Hosting;
using HsActors.Silo.Metrics;
using HsActors.Silo.Security;
using Microsoft.Extensions.Options;

namespace HsActors.Silo.Api;

/// <summary>POST /v1/classify and /v1/classify/batch.</summary>
internal static class ClassifyEndpoints
{
    public const string ExplainQuery = "explain";

    public static void MapClassifyEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/classify", ClassifyAsync)
            .RequireAuthorization(ApiRoles.ClassifyPolicy)
            .WithName("Classify")
            .WithSummary("Ranked HS codes for one goods description, with the declared-code check and importer summary.")
            .Accepts<ClassifyRequest>("application/json")
            .Produces<ClassifyResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        v1.MapPost("/classify/batch", ClassifyBatchAsync)
            .RequireAuthorization(ApiRoles.BatchPolicy)
            .WithName("ClassifyBatch")
            .WithSummary("Up to 10,000 lines classified in parallel; results in the lines' order. ?explain=false skips explanations.")
            .Accepts<BatchClassifyRequest>("application/json")
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

    private static Task<IResult> ClassifyBatchAsync(
        HttpContext context, IGrainFactory grains, SiloReadiness readiness, ClassifyRequestValidator validator,
        IOptions<SiloOptions> options, SiloMetrics metrics, IAuditTrail audit, TimeProvider time) =>
        ClassifyLinesAsync<BatchClassifyRequest>(
            context, grains, readiness, metrics, audit, time, options.Value.Limits.MaxBatchRequestBytes, validator.Validate,
            request => request.Lines, results => new BatchClassifyJsonResult(results));

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
        var answered = await grains.GetGrain<IRouterGrain>(IRouterGrain.Key).ClassifyAsync(new([.. lines]), new ClassifyCallOptions(explain));
        var results = answered.Value;
        metrics.RecordClassified(results);
        Audit(audit, context, time, lines, results);
        return answer(results);
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
