using System.Text.Json;
using HsActors.Abstractions.Audit;
using HsActors.Abstractions.Blobs;
using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Models;
using HsActors.Contracts.Models;
using HsActors.Grains.Classification;
using HsActors.Grains.Models;
using HsActors.Grains.Retraining;
using HsActors.Grains.Serving;
using HsActors.Silo.Security;
using Microsoft.Extensions.Primitives;

namespace HsActors.Silo.Api;

/// <summary>
/// <c>/v1/admin/models</c>: every chapter's versions, pointer and served state; promote, roll back, canary, shadow,
/// pin and force a retraining. Pointer changes honour If-Match (the pointer's ETag): a stale one is a 412 problem,
/// so two administrators cannot silently overwrite each other. The semantic index's key ("semantic") is read, promoted
/// and rolled back like a chapter's; what does not apply to it (a canary, a shadow, a pin, a retraining) is a 400
/// problem naming "chapter" and saying why, never a change that silently has no effect.
/// </summary>
internal static class ModelAdminEndpoints
{
    private const string Route = "/admin/models";

    // Why each change that does not apply to the semantic index is refused: the stage serves its active version only,
    // on every silo, and nothing retrains or promotes it by itself. Clearing a canary or shadow, or unpinning, only
    // removes state, so those stay allowed (the registry says when there is nothing to remove).
    private const string NoCanary = "A canary does not apply to \"semantic\": the semantic stage serves its active index version only; promote the version instead.";
    private const string NoShadow = "A shadow does not apply to \"semantic\": the semantic stage serves its active index version only; promote the version instead.";
    private const string NoPin = "A pin does not apply to \"semantic\": retraining never promotes the semantic index; only an administrator's promotion or rollback changes it.";
    private const string NoRetrain = "\"semantic\" is not retrained, and nothing was started: officers' assessments already join every silo's semantic index "
        + "through the assessment stream (and are replayed into each new index version); to change the index's corpus rows, publish a new version and promote it.";

    public static void MapModelAdminEndpoints(this RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup(Route).RequireAuthorization(ApiRoles.AdminPolicy);
        admin.MapGet("", ListAsync).WithName("ListModels").WithSummary("Every chapter's pointer, served versions, faults, shadow agreement and retraining.")
            .Produces<ModelChapterList>();
        admin.MapGet("/{chapter}", GetAsync).WithName("GetModel").WithSummary("A key's pointer, version history with figures, and pointer changes: a chapter (01..99), \"router\" or \"semantic\" (the semantic stage's index).")
            .Produces<ModelChapterDetail>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        Documented(admin.MapPost("/{chapter}/promote", (string chapter, HttpContext context, ModelAdministration models) =>
            ChangeAsync(chapter, context, models, static (registry, c, body, by, etag, ct) =>
                Require(body.Version, "version") ?? registry.PromoteAsync(c, body.Version!, by, etag, body.Reason, ct))),
            "PromoteModel", "Makes a version the chapter's active one (body: version, reason).");
        Documented(admin.MapPost("/{chapter}/rollback", (string chapter, HttpContext context, ModelAdministration models) =>
            ChangeAsync(chapter, context, models, static (registry, c, body, by, etag, ct) =>
                registry.RollbackAsync(c, body.ToVersion ?? body.Version, by, etag, body.Reason, ct))),
            "RollbackModel", "Goes back to toVersion, or to the version active before the current one.");
        Documented(admin.MapPost("/{chapter}/canary", (string chapter, HttpContext context, ModelAdministration models) =>
            ChangeAsync(chapter, context, models, static (registry, c, body, by, etag, ct) =>
                Require(body.Version, "version") ?? RequirePercent(body.Percent)
                ?? registry.SetCanaryAsync(c, body.Version!, body.Percent!.Value, by, etag, body.Reason, ct), notForSemantic: NoCanary)),
            "SetModelCanary", "Serves a version to percent (0..100) of the chapter's lines. Not for \"semantic\" (400): its stage serves the active version only.");
        Documented(admin.MapDelete("/{chapter}/canary", (string chapter, HttpContext context, ModelAdministration models) =>
            ChangeAsync(chapter, context, models, static (registry, c, body, by, etag, ct) => registry.ClearCanaryAsync(c, by, etag, body.Reason, ct), bodyOptional: true)),
            "ClearModelCanary", "Ends the chapter's canary.", bodyOptional: true);
        Documented(admin.MapPost("/{chapter}/shadow", (string chapter, HttpContext context, ModelAdministration models) =>
            ChangeAsync(chapter, context, models, static (registry, c, body, by, etag, ct) =>
                Require(body.Version, "version") ?? registry.SetShadowAsync(c, body.Version!, by, etag, body.Reason, ct), notForSemantic: NoShadow)),
            "SetModelShadow", "Ranks every line with a version beside the active one, unseen, to measure their agreement. Not for \"semantic\" (400): its stage serves the active version only.");
        Documented(admin.MapDelete("/{chapter}/shadow", (string chapter, HttpContext context, ModelAdministration models) =>
            ChangeAsync(chapter, context, models, static (registry, c, body, by, etag, ct) => registry.ClearShadowAsync(c, by, etag, body.Reason, ct), bodyOptional: true)),
            "ClearModelShadow", "Ends the chapter's shadow.", bodyOptional: true);
        Documented(admin.MapPost("/{chapter}/pin", (string chapter, HttpContext context, ModelAdministration models) =>
            ChangeAsync(chapter, context, models, static (registry, c, body, by, etag, ct) =>
                Require(body.Reason, "reason") ?? registry.PinAsync(c, body.Reason!, by, etag, ct), notForSemantic: NoPin)),
            "PinModel", "Keeps retraining from promoting anything in the chapter (body: reason). Not for \"semantic\" (400): retraining never promotes it.");
        Documented(admin.MapPost("/{chapter}/unpin", (string chapter, HttpContext context, ModelAdministration models) =>
            ChangeAsync(chapter, context, models, static (registry, c, body, by, etag, ct) => registry.UnpinAsync(c, by, etag, body.Reason, ct), bodyOptional: true)),
            "UnpinModel", "Lets retraining promote in the chapter again.", bodyOptional: true);
        admin.MapPost("/{chapter}/retrain", RetrainAsync).WithName("RetrainModel")
            .WithSummary("Retrains the chapter now from its bundled rows and every assessment (202; runs in the background). "
                + "Not for \"semantic\" (400): officers' assessments join every silo's semantic index through the assessment stream, and a new index version is published, not retrained.")
            .Produces<RetrainRequestAccepted>(StatusCodes.Status202Accepted).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>What every pointer change takes and answers: the new pointer's summary (its ETag in the header), or a problem.</summary>
    private static void Documented(RouteHandlerBuilder route, string name, string summary, bool bodyOptional = false) =>
        route.WithName(name).WithSummary(summary + " Honours If-Match: the pointer's ETag from GET.")
            .Accepts<ModelPointerRequest>(bodyOptional, "application/json")
            .Produces<ModelChapterSummary>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    private static async Task<IResult> ListAsync(ModelAdministration models, CancellationToken cancellationToken)
    {
        var chapters = await models.Registry.ListChaptersAsync(cancellationToken);
        var summaries = new List<ModelChapterSummary>(chapters.Count);
        foreach (var chapter in chapters)
        {
            summaries.Add(await models.SummaryAsync(chapter, await models.Registry.GetPointerAsync(chapter, cancellationToken)));
        }
        return TypedResults.Json(new ModelChapterList(summaries), SiloJsonContext.Default.ModelChapterList);
    }

    private static async Task<IResult> GetAsync(string chapter, HttpContext context, ModelAdministration models, CancellationToken cancellationToken)
    {
        if (InvalidChapter(chapter) is { } invalid)
        {
            return invalid;
        }
        var pointer = await models.Registry.GetPointerAsync(chapter, cancellationToken);
        var versions = await models.Registry.ListVersionsAsync(chapter, cancellationToken);
        if (pointer is null && versions.Count == 0)
        {
            return NotFound(chapter);
        }
        if (pointer is not null)
        {
            context.Response.Headers.ETag = pointer.ETag.Value;
        }
        var detail = new ModelChapterDetail(
            await models.SummaryAsync(chapter, pointer),
            [.. versions.Select(ModelAdminViews.Version)],
            [.. (pointer?.Pointer.History ?? []).Reverse().Select(ModelAdminViews.Change)]);
        return TypedResults.Json(detail, SiloJsonContext.Default.ModelChapterDetail);
    }

    private static async Task<IResult> RetrainAsync(string chapter, ModelAdministration models, CancellationToken cancellationToken)
    {
        if (InvalidChapter(chapter, NoRetrain) is { } invalid)
        {
            return invalid;
        }
        if (!models.Retrains)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Retraining is off.", "This silo serves a model directory, not a model registry, so it cannot publish retrained versions.");
        }
        if (chapter != IModelStore.RouterKey && await models.Registry.GetPointerAsync(chapter, cancellationToken) is null
            && (await models.Registry.ListVersionsAsync(chapter, cancellationToken)).Count == 0 && BundledChapterRows.Of(chapter).Count == 0)
        {
            return NotFound(chapter);
        }
        var started = await models.RequestRetrainingAsync(chapter);
        return TypedResults.Json(
            new RetrainRequestAccepted(chapter, started, started ? "Retraining started; follow it in GET /v1/admin/models/" + chapter : "A retraining of this chapter is already running."),
            SiloJsonContext.Default.RetrainRequestAccepted, statusCode: StatusCodes.Status202Accepted);
    }

    private delegate Task<PointerUpdate> PointerChange(IModelRegistry registry, string chapter, ModelPointerRequest body, string by, BlobETag? expectedETag, CancellationToken cancellationToken);

    /// <param name="notForSemantic">Set when the change does not apply to the semantic index: why, for the 400 naming "chapter".</param>
    private static async Task<IResult> ChangeAsync(string chapter, HttpContext context, ModelAdministration models, PointerChange change, bool bodyOptional = false,
        string? notForSemantic = null)
    {
        if (InvalidChapter(chapter, notForSemantic) is { } invalid)
        {
            return invalid;
        }
        var body = new ModelPointerRequest();
        if (!bodyOptional || context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var (read, errors) = await JsonBody.ReadAsync(context.Request, SiloJsonContext.RequestType<ModelPointerRequest>(), 64 * 1024);
            if (errors is not null)
            {
                return Problems.Validation(errors);
            }
            body = read!;
        }
        if (ExpectedETag(context.Request.Headers.IfMatch, out var etag) is { } badETag)
        {
            return badETag;
        }
        var by = context.User.Identity?.Name ?? "admin";
        try
        {
            var update = await change(models.Registry, chapter, body, by, etag, context.RequestAborted);
            await models.AuditAsync(update, by, context.RequestAborted);
            context.Response.Headers.ETag = update.ETag.Value;
            return TypedResults.Json(await models.SummaryAsync(chapter, new StoredPointer(update.Pointer, update.ETag)), SiloJsonContext.Default.ModelChapterSummary);
        }
        catch (InvalidRequestException e)
        {
            return Problems.Validation(new Dictionary<string, string[]> { [e.Field] = [e.Message] });
        }
        catch (ConcurrentPointerUpdateException e)
        {
            return Problems.Status(StatusCodes.Status412PreconditionFailed, "The pointer changed since you read it.",
                $"{e.Message} Re-read GET /v1/admin/models/{chapter} and decide again (current ETag {e.CurrentETag?.Value ?? "none"}).");
        }
        catch (ModelVersionNotFoundException e)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "No such model version.", e.Message);
        }
        catch (ModelVersionCorruptedException e)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "The model version is corrupted and refused.", e.Message);
        }
        catch (PointerChangeRejectedException e)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "The change does not apply to the pointer as it is.", e.Message);
        }
        catch (ArgumentException e) when (e.ParamName is not null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { [FieldOf(e.ParamName)] = [e.Message] });
        }
    }

    private static string FieldOf(string parameter) => parameter switch
    {
        "toVersion" => "toVersion",
        "percent" => "percent",
        "reason" => "reason",
        _ => "version",
    };

    /// <summary>A missing required field fails the change before it reaches the registry (the caller's <c>??</c> never runs it).</summary>
    private static Task<PointerUpdate>? Require(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? Task.FromException<PointerUpdate>(new InvalidRequestException(field, $"{field} is required.")) : null;

    private static Task<PointerUpdate>? RequirePercent(int? percent) =>
        percent is null or < 0 or > 100
            ? Task.FromException<PointerUpdate>(new InvalidRequestException("percent", "percent is required: a whole number from 0 to 100."))
            : null;

    private static IResult? ExpectedETag(StringValues ifMatch, out BlobETag? etag)
    {
        etag = null;
        if (ifMatch.Count == 0 || string.IsNullOrWhiteSpace(ifMatch[0]))
        {
            return null;
        }
        if (ifMatch.Count > 1 || ifMatch[0]!.Contains(',') || ifMatch[0] == "*")
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["If-Match"] = ["If-Match must be the single ETag of the chapter's pointer, as GET returned it."] });
        }
        etag = new BlobETag(ifMatch[0]!.Trim());
        return null;
    }

    /// <param name="notForSemantic">Why the operation refuses the semantic index's key; null when it takes it.</param>
    private static IResult? InvalidChapter(string chapter, string? notForSemantic = null) =>
        chapter == SemanticStage.RegistryKey
            ? notForSemantic is null ? null : ChapterProblem(notForSemantic)
            : chapter == IModelStore.RouterKey || (chapter.Length == 2 && chapter.All(char.IsAsciiDigit) && chapter != "00")
                ? null
                : ChapterProblem($"chapter must be a two-digit HS chapter (01..99), \"{IModelStore.RouterKey}\" or \"{SemanticStage.RegistryKey}\", not '{chapter}'.");

    private static IResult ChapterProblem(string message) => Problems.Validation(new Dictionary<string, string[]> { ["chapter"] = [message] });

    private static IResult NotFound(string chapter) =>
        Problems.Status(StatusCodes.Status404NotFound, "No such chapter model.", $"Chapter '{chapter}' has no model versions and no pointer.");

    private sealed class InvalidRequestException(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }
}
