using System.Globalization;
using HsActors.Contracts;
using HsActors.Silo.Hosting;
using HsActors.Silo.Security;
using Microsoft.Extensions.Options;

namespace HsActors.Silo.Api;

/// <summary>POST /v1/assessments and /v1/assessments/batch: officers' corrections into the assessment stream.</summary>
internal static class AssessmentEndpoints
{
    public static void MapAssessmentEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/assessments", SubmitAsync)
            .RequireAuthorization(ApiRoles.AssessPolicy)
            .WithName("SubmitAssessment")
            .WithSummary("Records an officer's assessment durably (202); a retry of the same assessmentId answers 200 with duplicate = true.")
            .Accepts<AssessmentRequest>("application/json")
            .Produces<AssessmentAccepted>(StatusCodes.Status202Accepted)
            .Produces<AssessmentAccepted>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        v1.MapPost("/assessments/batch", SubmitBatchAsync)
            .RequireAuthorization(ApiRoles.AssessPolicy)
            .WithName("SubmitAssessments")
            .WithSummary("Up to 1,000 assessments, all validated before any is recorded; results in order. 202 when any was new.")
            .Accepts<BatchAssessmentRequest>("application/json")
            .Produces<BatchAssessmentResponse>(StatusCodes.Status202Accepted)
            .Produces<BatchAssessmentResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> SubmitAsync(
        HttpContext context, AssessmentRequestValidator validator, AssessmentIngestion ingestion, IOptions<SiloOptions> options)
    {
        var (request, errors) = await JsonBody.ReadAsync(context.Request, SiloJsonContext.RequestType<AssessmentRequest>(), options.Value.Limits.MaxRequestBytes);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }
        var (record, invalid) = validator.Validate(request!);
        if (invalid is not null)
        {
            return Problems.Validation(invalid);
        }
        var (accepted, conflict) = (await ingestion.AcceptAsync([record!], ApiKeyName(context), context.RequestAborted))[0];
        if (conflict)
        {
            return Conflict([(0, accepted)], "assessmentId");
        }
        return TypedResults.Json(accepted, SiloJsonContext.Default.AssessmentAccepted,
            statusCode: accepted.Duplicate ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> SubmitBatchAsync(
        HttpContext context, AssessmentRequestValidator validator, AssessmentIngestion ingestion, IOptions<SiloOptions> options)
    {
        var (request, errors) = await JsonBody.ReadAsync(context.Request, SiloJsonContext.RequestType<BatchAssessmentRequest>(), options.Value.Limits.MaxBatchRequestBytes);
        if (errors is not null)
        {
            return Problems.Validation(errors);
        }
        var (records, invalid) = validator.Validate(request!);
        if (invalid is not null)
        {
            return Problems.Validation(invalid);
        }
        var ingested = await ingestion.AcceptAsync(records!, ApiKeyName(context), context.RequestAborted);
        if (ingested.Select((x, i) => (i, x)).Where(x => x.x.ConflictsWithFirst).Select(x => (x.i, x.x.Accepted)).ToList() is { Count: > 0 } conflicts)
        {
            return Conflict(conflicts, "assessments[{0}].assessmentId");
        }
        var accepted = ingested.Select(x => x.Accepted).ToList();
        return TypedResults.Json(new BatchAssessmentResponse(accepted), SiloJsonContext.Default.BatchAssessmentResponse,
            statusCode: accepted.All(a => a.Duplicate) ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// 409, as payment APIs treat a reused idempotency key: the id names another assessment, stored first at the given
    /// offset; the new content was not stored. Other members of a batch were accepted (sending them again is safe).
    /// </summary>
    private static IResult Conflict(IReadOnlyList<(int Index, AssessmentAccepted First)> conflicts, string fieldFormat)
    {
        var errors = conflicts.ToDictionary(
            c => string.Format(CultureInfo.InvariantCulture, fieldFormat, c.Index),
            c => new[] { string.Create(CultureInfo.InvariantCulture, $"assessmentId '{c.First.AssessmentId}' already names another assessment, stored at offset {c.First.Offset}; use a new id for a new assessment.") });
        return Problems.Status(StatusCodes.Status409Conflict, "Assessment id reused",
            "An assessmentId already names a different assessment; its content was not stored.", errors);
    }

    internal static string ApiKeyName(HttpContext context) => context.User.Identity?.Name ?? "anonymous";
}
