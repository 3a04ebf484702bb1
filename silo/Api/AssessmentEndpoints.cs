using System.Globalization;
using HsActors.Contracts;
using HsActors.Abstractions.Streaming;
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
        if (ForeignOfficer(context, [record!], "officerId") is { } refused)
        {
            return refused;
        }
        var (accepted, conflict) = (await ingestion.AcceptAsync([record! with { SubmittedBy = ApiKeyName(context) }], ApiKeyName(context), context.RequestAborted))[0];
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
        if (ForeignOfficer(context, records!, "assessments[{0}].officerId") is { } refused)
        {
            return refused;
        }
        var submittedBy = ApiKeyName(context);
        var ingested = await ingestion.AcceptAsync([.. records!.Select(r => r with { SubmittedBy = submittedBy })], submittedBy, context.RequestAborted);
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

    /// <summary>
    /// An officer's key speaks for its own officer only (its key name is the officer id), so one stolen or careless key
    /// cannot pass its corrections off as several officers' agreement; administrators may submit for anyone.
    /// </summary>
    private static IResult? ForeignOfficer(HttpContext context, IReadOnlyList<AssessmentRecord> records, string fieldFormat)
    {
        if (!context.User.IsInRole(ApiRoles.Officer))
        {
            return null;
        }
        var officer = ApiKeyName(context);
        var errors = records.Select((r, i) => (r, i)).Where(x => !string.Equals(x.r.OfficerId, officer, StringComparison.Ordinal))
            .ToDictionary(x => string.Format(CultureInfo.InvariantCulture, fieldFormat, x.i),
                x => new[] { $"officerId '{x.r.OfficerId}' is not this key's officer ('{officer}'); an officer's key submits its own assessments only." });
        return errors.Count == 0 ? null
            : Problems.Status(StatusCodes.Status403Forbidden, "Another officer's assessment", "An officer's key may only submit assessments under its own officerId.", errors);
    }

    internal static string ApiKeyName(HttpContext context) => context.User.Identity?.Name ?? "anonymous";
}
