using System.Globalization;
using System.Text.Json;
using HsActors.Abstractions.Blobs;
using HsActors.Abstractions.Streaming;
using HsActors.Text;
using Microsoft.AspNetCore.Diagnostics;

namespace HsActors.Silo.Api;

/// <summary>
/// Last line: request-shaped failures the server raises itself (unreadable body, JSON the binder met) become 400
/// problems; an assessment stream that cannot confirm an append a 503 with Retry-After (the client retries with the
/// same id); a grain the cluster cannot reach for the moment (its silo died and membership has not yet declared it dead,
/// or a call timed out) a 503 with Retry-After as well, and so is storage that does not answer; anything else a generic
/// 500 problem, logged with its stack trace but never showing it to the caller. The path is the caller's text (%1B
/// decodes to ESC) and is logged escaped.
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
            case var _ when StorageFailureIn(exception) is { } storage:
                logger.LogWarning("Storage unavailable for {Method} {Path}: {Reason}", context.Request.Method, LogText.Escape(context.Request.Path.Value), storage.Message);
                context.Response.Headers.RetryAfter = "5";
                await Problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Storage unavailable",
                    "The model registry or the grain state storage did not answer; retry in a few seconds.");
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

    /// <summary>
    /// The storage failure behind an exception, if that is what it is: the model registry's blob store, or the Azure
    /// SDK under Orleans' grain storage (which may arrive wrapped, or aggregated from concurrent grain writes).
    /// </summary>
    private static Exception? StorageFailureIn(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.TryPop(out var e))
        {
            // Only what a retry can mend: no answer or a server-side failure, not a corrupt blob or refused credentials.
            if (e is BlobStoreException and not (BlobCorruptedException or BlobConditionFailedException)
                || e is Azure.RequestFailedException { Status: 0 or 408 or 429 or >= 500 }
                // A grain whose write met another ETag re-reads its state before the retry.
                || e is Orleans.Storage.InconsistentStateException)
            {
                return e;
            }
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
        return null;
    }
}
