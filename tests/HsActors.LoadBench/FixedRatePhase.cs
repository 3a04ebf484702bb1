using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace HsActors.LoadBench;

/// <summary>
/// Open-loop single-line load: request i is due at start + i / rate whether or not earlier ones have answered, and its
/// latency counts from when it was due, so a slow server cannot hide queueing by slowing the sender down.
/// </summary>
internal static class FixedRatePhase
{
    private const int MaxInFlight = 2_000;

    // Counted with the statuses: a 200 whose body is not one result.
    private const int Incomplete = -1;

    public static async Task RunAsync(HttpClient client, LoadBenchOptions options, IReadOnlyList<string> descriptions)
    {
        var bodies = descriptions.Take(2_000)
            .Select(d => JsonSerializer.SerializeToUtf8Bytes(new { description = d, top = options.Top }, JsonSerializerOptions.Web))
            .ToArray();
        for (var i = 0; i < 200; i++) // warm-up
        {
            using var warm = await client.PostAsync("/v1/classify", Content(bodies[i % bodies.Length]));
            if (!warm.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Warm-up request failed with {(int)warm.StatusCode}: {await warm.Content.ReadAsStringAsync()}");
            }
        }

        var total = options.Rate * options.Seconds;
        var latencies = new List<double>(total);
        var errors = 0;
        var statuses = new Dictionary<int, int>();
        var skipped = 0;
        var inFlight = 0;
        var pending = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        var ticksPerRequest = (double)Stopwatch.Frequency / options.Rate;
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * ticksPerRequest);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > Stopwatch.Frequency / 1000)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
            }
            if (Volatile.Read(ref inFlight) >= MaxInFlight)
            {
                skipped++;
                continue;
            }
            Interlocked.Increment(ref inFlight);
            var body = bodies[i % bodies.Length];
            pending.Add(Task.Run(async () =>
            {
                int status;
                try
                {
                    using var response = await client.PostAsync("/v1/classify", Content(body));
                    var answer = await response.Content.ReadAsByteArrayAsync();
                    status = (int)response.StatusCode;
                    if (status == 200 && MarkerCount.In(answer, MarkerCount.ResultMarker) != 1)
                    {
                        status = Incomplete;
                    }
                }
                catch (HttpRequestException)
                {
                    status = 0;
                }
                var elapsed = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
                Interlocked.Decrement(ref inFlight);
                lock (latencies)
                {
                    latencies.Add(elapsed);
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    errors += status == 200 ? 0 : 1;
                }
            }));
        }
        await Task.WhenAll(pending);
        var elapsedSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"single: {total:N0} requests scheduled at {options.Rate:N0}/s for {options.Seconds} s; {latencies.Count:N0} sent, {latencies.Count / elapsedSeconds:N0}/s achieved"));
        Console.WriteLine($"        latency from schedule: {LatencyStatistics.Describe(latencies)}");
        Console.WriteLine($"        errors: {errors} ({string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key switch { 0 => "connection", Incomplete => "200 without a result", _ => s.Key.ToString(CultureInfo.InvariantCulture) })}: {s.Value}"))}), not sent (client over {MaxInFlight} in flight): {skipped}");
    }

    private static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }
}
