using System.Globalization;
using System.Text.Json;
using HsActors.Abstractions.Streaming;
using HsActors.Text;
using Microsoft.AspNetCore.Diagnostics;

namespace HsActors.Silo.Api;

/// <summary>
/// Last line: request-shaped failures the server raises itself (unreadable body, JSON the binder met) become 400
/// problems; an assessment stream that cannot confirm an append a 503 with Retry-After (the client retries with the
/// same id); a grain the cluster cannot reach for the moment (its silo died and membership has not yet declared it dead,
/// or a call timed out) a 503 with Retry-After as well; anything else a generic 500 problem, logged with its stack trace
/// but never showing it to the caller. The path is the caller's text (%1B decodes to ESC) and is logged escaped.
/// </summary>
internal sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.Response.HasStarted)
        {
            return false;
        }
        switch (exception)
        {
            case BadHttpRequestException bad:
                var message = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The body is larger than the server accepts." : bad.Message;
                await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request is not valid.", message,
                    new Dictionary<string, string[]> { [JsonBody.BodyField] = [message] });
                return true;
            case JsonException json:
                await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request is not valid.", "The body is not valid JSON.",
                    new Dictionary<string, string[]> { [JsonBody.FieldOf(json.Path)] = ["The value is malformed or of the wrong JSON type."] });
                return true;
            case AssessmentStreamUnavailableException unavailable:
                logger.LogWarning("Assessment stream unavailable for {Method} {Path}: {Reason}", context.Request.Method, LogText.Escape(context.Request.Path.Value), unavailable.Message);
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(unavailable.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Assessment stream unavailable",
                    "The assessment was not acknowledged because the stream is reconnecting; send it again with the same assessmentId.");
                return true;
            case SiloUnavailableException or OrleansMessageRejectionException or TimeoutException:
                logger.LogWarning("A grain was unreachable for {Method} {Path}: {Reason}", context.Request.Method, LogText.Escape(context.Request.Path.Value), exception.Message);
                context.Response.Headers.RetryAfter = "2";
                await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Cluster reorganising",
                    "A silo this request needed is unreachable while the cluster recovers from its loss; retry in a few seconds.");
                return true;
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                return true; // the caller left; nobody reads an answer
            default:
                logger.LogError(exception, "Unhandled exception for {Method} {Path}.", context.Request.Method, LogText.Escape(context.Request.Path.Value));
                await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal server error",
                    $"An unexpected error occurred; it has been logged with trace id {context.TraceIdentifier}.");
                return true;
        }
    }
}
