using System.Collections.Concurrent;
using System.Net;
using HsActors.Silo.Tests;

namespace HsActors.Cluster.Tests;

/// <summary>
/// A hub classifying against every running silo in turn until stopped, on two connections at once: lines naming an
/// importer and a declared code (each writes importer and declared-code grain state) and lines naming neither, so a
/// slow answer of one kind never holds the other up. Answers are counted by kind and status.
/// </summary>
public sealed class ClassifyTraffic(SiloCluster cluster, string importerId) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<(bool WithImporter, HttpStatusCode Status), int> _answers = new();
    private readonly ConcurrentQueue<string> _unexpected = new();
    private Task? _running;

    /// <summary>Lines naming the importer that were answered 200: the declarations its statistics must count.</summary>
    public int RecordedDeclarations => _answers.GetValueOrDefault((true, HttpStatusCode.OK));

    public int Answers(bool withImporter, HttpStatusCode status) => _answers.GetValueOrDefault((withImporter, status));

    /// <summary>Answers that are neither 200 nor a 503 with Retry-After, with their bodies.</summary>
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    /// <summary>Sends both lines to every silo once, so each silo has their chapters in its model cache before the test.</summary>
    public async Task WarmUpAsync()
    {
        foreach (var (_, silo) in cluster.Running)
        {
            using var hub = silo.Client(TestKeys.Hub);
            foreach (var withImporter in new[] { false, true })
            {
                await Json.PostOkAsync(hub, "/v1/classify", Line(withImporter, 0));
                _answers.AddOrUpdate((withImporter, HttpStatusCode.OK), 1, (_, c) => c + 1);
            }
        }
    }

    public void Start() => _running = Task.WhenAll(RunAsync(withImporter: false, _stop.Token), RunAsync(withImporter: true, _stop.Token));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
            await _running;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private object Line(bool withImporter, int n) => withImporter
        ? new { description = $"leather shoes with rubber soles, lot {n}", importerId, declaredCode = Assessments.LineOf("64") }
        : new { description = $"tyres of rubber for motor cars, lot {n}" };

    private async Task RunAsync(bool withImporter, CancellationToken stop)
    {
        await Task.Yield();
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var running = cluster.Running;
            var (index, silo) = running[n % running.Count];
            var body = Line(withImporter, n);
            using var hub = silo.Client(TestKeys.Hub);
            hub.Timeout = TimeSpan.FromSeconds(30);
            try
            {
                using var response = await hub.PostAsync("/v1/classify", Json.Body(body), CancellationToken.None);
                _answers.AddOrUpdate((withImporter, response.StatusCode), 1, (_, c) => c + 1);
                var retryable = response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null;
                if (response.StatusCode != HttpStatusCode.OK && !retryable)
                    _unexpected.Enqueue($"silo {index}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
            }
            catch (HttpRequestException e)
            {
                _unexpected.Enqueue($"silo {index}: {e.Message}");
            }
            await Task.Delay(10, CancellationToken.None);
        }
    }
}
