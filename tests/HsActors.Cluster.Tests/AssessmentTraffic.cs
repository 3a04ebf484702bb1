using System.Collections.Concurrent;
using System.Net;
using HsActors.Silo.Tests;

namespace HsActors.Cluster.Tests;

/// <summary>
/// Officers posting assessments to whichever silos are running, as a resilient client would: each assessment is
/// retried through the next silo until one acknowledges it, with the same assessment id, so a retry is never a second
/// assessment. Transient failures on the way (a killed silo, a 503 while the broker restarts) are counted, not fatal;
/// any other answer (a 500, a 400) fails the traffic, because a silo must never answer those to a valid assessment.
/// </summary>
public sealed class AssessmentTraffic(SiloCluster cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly ConcurrentQueue<AcknowledgedAssessment> _acknowledged = new();
    private int _failedAttempts;

    public int AcknowledgedCount => _acknowledged.Count;

    public IReadOnlyCollection<AcknowledgedAssessment> Acknowledged => _acknowledged;

    public int FailedAttempts => Volatile.Read(ref _failedAttempts);

    /// <summary>Posts every body, <paramref name="posters"/> at a time; completes when all are acknowledged.</summary>
    public Task RunAsync(IReadOnlyList<Dictionary<string, object?>> bodies, int posters = 2)
    {
        var next = -1;
        var deadline = DateTime.UtcNow + Patience;
        return Task.WhenAll(Enumerable.Range(0, posters).Select(async poster =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
                _acknowledged.Enqueue(await PostUntilAcknowledgedAsync(bodies[i], poster + i, deadline));
        }));
    }

    /// <summary>Posts one body until a silo acknowledges it, as <see cref="RunAsync"/> does for each of its bodies.</summary>
    public Task<AcknowledgedAssessment> AcknowledgeAsync(Dictionary<string, object?> body) =>
        PostUntilAcknowledgedAsync(body, turn: 0, DateTime.UtcNow + Patience);

    private async Task<AcknowledgedAssessment> PostUntilAcknowledgedAsync(Dictionary<string, object?> body, int turn, DateTime deadline)
    {
        var id = (string)body["assessmentId"]!;
        var attempts = 0;
        var lastError = "no silo running";
        while (DateTime.UtcNow < deadline)
        {
            var running = cluster.Running;
            if (running.Count > 0)
            {
                var (index, silo) = running[(turn + attempts) % running.Count];
                attempts++;
                try
                {
                    using var officer = silo.Client(TestKeys.Officer);
                    officer.Timeout = TimeSpan.FromSeconds(40);
                    using var response = await officer.PostAsync("/v1/assessments", Json.Body(body));
                    if (response.IsSuccessStatusCode)
                    {
                        var accepted = await Json.ReadAsync(response);
                        return new AcknowledgedAssessment(id, accepted["offset"]!.GetValue<long>(), attempts, index);
                    }
                    lastError = $"{(int)response.StatusCode} from silo {index}: {await response.Content.ReadAsStringAsync()}";
                    if (!IsTransient(response.StatusCode))
                        throw new InvalidOperationException($"Assessment {id}: {lastError}\nThe silo's last output:\n{silo.Output}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    lastError = $"{e.GetType().Name} from silo {index}: {e.Message}";
                }
                Interlocked.Increment(ref _failedAttempts);
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Assessment {id} was not acknowledged within {Patience} ({attempts} attempts); last error: {lastError}");
    }

    // What a client may retry: the silo is busy, starting or cannot reach its stream for a moment.
    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests;
}
