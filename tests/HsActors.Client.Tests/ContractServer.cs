using System.Collections.Concurrent;
using System.Net;
using HsActors.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HsActors.Client.Tests;

/// <summary>
/// A real Kestrel server on a free loopback port with minimal endpoints that follow the v1 contract: classify
/// echoes each line back (its id, and its description as the first recommendation's text), batch keeps order,
/// bad lines get validation problems, a missing or wrong key gets 401. Faults can be planned for the next requests.
/// </summary>
internal sealed class ContractServer : IAsyncDisposable
{
    public const string ApiKey = "test-key";
    public const string KnownCode = "87141090";
    public const string KnownImporter = "IMP-1";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Fault> _plannedFaults = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly ConcurrentQueue<int> _batchSizes = new();
    private readonly TaskCompletionSource _batchReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ContractServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>How long batch requests take to answer (to catch a batch on the wire).</summary>
    public TimeSpan BatchLatency { get; set; }

    /// <summary>Line counts of the batch requests answered or being answered, in arrival order.</summary>
    public IReadOnlyList<int> BatchSizes => [.. _batchSizes];

    /// <summary>Completes when the first batch request has arrived.</summary>
    public Task BatchReceived => _batchReceived.Task;

    /// <summary>Requests that reached the server for a path (faulted ones included).</summary>
    public int Attempts(string path) => _attempts.GetValueOrDefault(path);

    public void FailNext(int count, HttpStatusCode status, TimeSpan? retryAfter = null) =>
        Plan(count, new Fault(status, retryAfter, Stall: null, Drop: false));

    public void StallNext(int count, TimeSpan stall) => Plan(count, new Fault(null, null, stall, Drop: false));

    public void DropNext(int count) => Plan(count, new Fault(null, null, null, Drop: true));

    public static async Task<ContractServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ContractServer(app);
        app.Use(server.CountFaultAndAuthenticateAsync);
        app.MapPost("/v1/classify", (ClassifyRequest line) =>
            LineErrors(line, prefix: "") is { Count: > 0 } errors ? Results.ValidationProblem(errors) : Results.Ok(Echo(line)));
        app.MapPost("/v1/classify/batch", server.ClassifyBatchAsync);
        app.MapGet("/v1/nomenclature/{code}", (string code) => code == KnownCode
            ? Results.Ok(new NomenclatureItem(KnownCode, 8, "Parts of bicycles", "Bagian sepeda", "Bicycles > Parts", []))
            : Results.Problem(statusCode: 404, title: "Unknown code"));
        app.MapGet("/v1/importers/{id}/stats", (string id) => id == KnownImporter
            ? Results.Ok(new ImporterSummary(KnownImporter, 12, 3, 1, null, [new CodeCount(KnownCode, 12)], [new CodeCount("87", 12)], [new CodeCount("CN", 12)], []))
            : Results.Problem(statusCode: 404, title: "Unknown importer"));
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Urls.Single());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static ClassifyResponse Echo(ClassifyRequest line) => new()
    {
        Id = line.Id,
        Recommendations = [new Recommendation(KnownCode, 1.0, "87", line.Description, null, [new TermWeight("echo", 1.0)])],
        Chapters = [new ChapterProbability("87", 1.0, "Vehicles")],
        ModelVersions = new Dictionary<string, string> { ["router"] = "echo" },
    };

    private static Dictionary<string, string[]> LineErrors(ClassifyRequest line, string prefix)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(line.Description))
        {
            errors[prefix + "description"] = ["Description is required."];
        }

        if (line.Top is < 1 or > 20)
        {
            errors[prefix + "top"] = [$"Top must be 1..20, not {line.Top}."];
        }

        return errors;
    }

    private async Task<IResult> ClassifyBatchAsync(BatchClassifyRequest batch, CancellationToken aborted)
    {
        _batchSizes.Enqueue(batch.Lines.Count);
        _batchReceived.TrySetResult();
        if (BatchLatency > TimeSpan.Zero)
        {
            await Task.Delay(BatchLatency, aborted);
        }

        if (batch.Lines.Count > BatchClassifyRequest.MaxLines)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["lines"] = [$"At most {BatchClassifyRequest.MaxLines} lines."] });
        }

        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < batch.Lines.Count; i++)
        {
            foreach (var (field, messages) in LineErrors(batch.Lines[i], $"lines[{i}]."))
            {
                errors[field] = messages;
            }
        }

        return errors.Count > 0
            ? Results.ValidationProblem(errors)
            : Results.Ok(new BatchClassifyResponse(batch.Lines.Select(Echo).ToArray()));
    }

    private async Task CountFaultAndAuthenticateAsync(HttpContext context, RequestDelegate next)
    {
        _attempts.AddOrUpdate(context.Request.Path.Value!, 1, static (_, n) => n + 1);
        if (_plannedFaults.TryDequeue(out var fault))
        {
            if (fault.Drop)
            {
                context.Abort();
                return;
            }

            if (fault.Stall is { } stall)
            {
                await Task.Delay(stall, context.RequestAborted);
            }

            if (fault.Status is { } status)
            {
                if (fault.RetryAfter is { } wait)
                {
                    context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await Results.Problem(statusCode: (int)status, title: $"Planned {(int)status}").ExecuteAsync(context);
                return;
            }
        }

        if (context.Request.Headers["X-Api-Key"] != ApiKey)
        {
            await Results.Problem(statusCode: 401, title: "Missing or unknown API key").ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private void Plan(int count, Fault fault)
    {
        for (var i = 0; i < count; i++)
        {
            _plannedFaults.Enqueue(fault);
        }
    }

    private sealed record Fault(HttpStatusCode? Status, TimeSpan? RetryAfter, TimeSpan? Stall, bool Drop);
}
