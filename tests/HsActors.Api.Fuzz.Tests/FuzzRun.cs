using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsCheck;
using HsActors.Fuzzing;
using HsActors.Api.Fuzz.Tests.Checks;
using HsActors.Api.Fuzz.Tests.Document;
using HsActors.Api.Fuzz.Tests.Generation;

namespace HsActors.Api.Fuzz.Tests;

/// <summary>
/// Sends generated requests one after another from a fixed seed (so a run is the same run each time), checks every
/// answer and keeps what broke a rule, grouped by rule and operation, with the first request that did.
/// </summary>
public sealed class FuzzRun(HttpClient client, Gen<FuzzRequest> requests)
{
    public const int NormalRun = 5_000;

    /// <summary>Far above any answer's time on a busy two-core machine; a request past it hangs.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    private readonly Dictionary<(string Rule, string Operation), (int Count, string Example)> _violations = [];
    private readonly SortedDictionary<string, SortedDictionary<int, int>> _statuses = new(StringComparer.Ordinal);

    public int Sent { get; private set; }

    public TimeSpan Elapsed { get; private set; }

    public IReadOnlyDictionary<(string Rule, string Operation), (int Count, string Example)> Violations => _violations;

    public async Task RunAsync(int normalRun)
    {
        var clock = Stopwatch.StartNew();
        foreach (var (i, request) in SeededSamples.Of(requests, normalRun))
        {
            Sent++;
            FuzzResponse response;
            try
            {
                response = await SendAsync(request);
            }
            catch (HttpRequestException e) when (request.Route.Kind == RouteKind.Unknown && e.InnerException is IOException)
            {
                // Kestrel refused the request line (a NUL in the path) and closed the connection while the body was
                // still being sent: its rejection, seen from the client.
                continue;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                Keep(i, request, new Violation("answers in time", $"{e.GetType().Name}: {e.Message}"));
                continue;
            }
            Count(request, response);
            foreach (var violation in ResponseRules.Check(request, response))
            {
                Keep(i, request, violation);
            }
        }
        Elapsed = clock.Elapsed;
    }

    public string Report()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Sent:N0} requests in {Elapsed.TotalSeconds:0.0} s; answers by operation:\n");
        foreach (var (operation, statuses) in _statuses)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {operation}: {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}\n");
        }
        foreach (var ((rule, operation), (count, example)) in _violations.OrderBy(v => v.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"VIOLATION [{rule}] {operation} ({count}×)\n  {example}\n");
        }
        return text.ToString();
    }

    private void Keep(int iteration, FuzzRequest request, Violation violation)
    {
        var key = (violation.Rule, request.Operation.ToString());
        _violations[key] = _violations.TryGetValue(key, out var seen)
            ? (seen.Count + 1, seen.Example)
            : (1, $"#{iteration}: {request}\n    -> {violation.Detail}");
    }

    private async Task<FuzzResponse> SendAsync(FuzzRequest request)
    {
        using var timeout = new CancellationTokenSource(RequestTimeout);
        using var message = request.ToMessage(client.BaseAddress!);
        using var response = await client.SendAsync(message, timeout.Token);
        var body = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(timeout.Token));
        return new FuzzResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, response.Headers.ConnectionClose == true);
    }

    private void Count(FuzzRequest request, FuzzResponse response)
    {
        var operation = request.Operation.ToString();
        if (!_statuses.TryGetValue(operation, out var statuses))
        {
            _statuses[operation] = statuses = [];
        }
        statuses[response.Status] = statuses.GetValueOrDefault(response.Status) + 1;
    }
}
