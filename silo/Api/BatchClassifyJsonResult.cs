using System.Text.Json;
using HsActors.Contracts;

namespace HsActors.Silo.Api;

/// <summary>
/// A batch answer, written byte for byte as <c>TypedResults.Json(new BatchClassifyResponse(results))</c> would, but one
/// result at a time through the serializer's synchronous generated code. Serialising the whole batch asynchronously
/// takes the resumable converter path for every object of every line, which was most of the response's cost.
/// </summary>
internal sealed class BatchClassifyJsonResult(IReadOnlyList<ClassifyResponse> results) : IResult
{
    private const string ContentType = "application/json; charset=utf-8";

    // Bytes written before they are handed to the connection: bounds the buffered part of a 20 MB answer.
    private const int FlushThreshold = 64 * 1024;

    public async Task ExecuteAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        var batch = SiloJsonContext.Default.BatchClassifyResponse;
        var line = SiloJsonContext.Default.ClassifyResponse;
        var options = batch.Options;
        var body = response.BodyWriter;
        var aborted = context.RequestAborted;
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions
        {
            Encoder = options.Encoder,
            Indented = options.WriteIndented,
            MaxDepth = options.MaxDepth,
        });
        try
        {
            json.WriteStartObject();
            json.WriteStartArray(batch.Properties.Single(p => p.Name.Equals(nameof(BatchClassifyResponse.Results), StringComparison.OrdinalIgnoreCase)).Name);
            foreach (var result in results)
            {
                JsonSerializer.Serialize(json, result, line);
                if (json.BytesPending > FlushThreshold && !await SendAsync(json, body, aborted))
                {
                    return;
                }
            }
            json.WriteEndArray();
            json.WriteEndObject();
            await SendAsync(json, body, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The caller went away, as the framework's JSON results treat it: nothing left to answer.
        }
    }

    /// <summary>Hands what the writer holds to the connection; false once the connection will take no more.</summary>
    private static async Task<bool> SendAsync(Utf8JsonWriter json, System.IO.Pipelines.PipeWriter body, CancellationToken aborted)
    {
        json.Flush(); // into the pipe's buffer; the pipe's own flush sends it
        var flushed = await body.FlushAsync(aborted);
        return !flushed.IsCompleted && !flushed.IsCanceled;
    }
}
