using System.Collections.Concurrent;
using HsActors.Silo.Tests;

namespace HsActors.Cluster.Tests;

/// <summary>
/// Officers posting assessments to whichever silos are running, as a resilient client would: each assessment is
/// retried through the next silo until one acknowledges it, with the same assessment id, so a retry is never a second
/// assessment. Failures on the way (a killed silo, a broker restarting) are counted, not fatal.
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
                await PostUntilAcknowledgedAsync(bodies[i], poster + i, deadline);
        }));
    }

    private async Task PostUntilAcknowledgedAsync(Dictionary<string, object?> body, int turn, DateTime deadline)
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
                        _acknowledged.Enqueue(new AcknowledgedAssessment(id, accepted["offset"]!.GetValue<long>(), attempts, index));
                        return;
                    }
                    lastError = $"{(int)response.StatusCode} from silo {index}: {await response.Content.ReadAsStringAsync()}";
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
}
