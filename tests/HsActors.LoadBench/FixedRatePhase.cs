using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HsActors.Contracts;

namespace HsActors.LoadBench;

/// <summary>
/// Open-loop single-line load: request i is due at start + i / rate whether or not earlier ones have answered, and its
/// latency counts from when it was due, so a slow server cannot hide queueing by slowing the sender down. That latency
/// also holds the sender's own lateness (it shares the 2 cores with the silo), so it is printed split in two: how late
/// each request left, and how long it took from leaving to its answer; the silo's own histogram follows.
/// </summary>
internal static class FixedRatePhase
{
    private const int MaxInFlight = 2_000;

    // Counted with the statuses: a 200 whose body is not one result.
    private const int Incomplete = -1;

    public static async Task RunAsync(HttpClient client, LoadBenchOptions options, IReadOnlyList<ClassifyRequest> candidates)
    {
        var lines = candidates.Take(2_000).ToArray();
        byte[][] Bodies(IEnumerable<ClassifyRequest> of) =>
            [.. of.Select(l => RequestBodies.Serialize(l with { Top = options.Top, Mode = options.Mode }))];
        var bodies = Bodies(lines);
        await LoadChaptersAsync(client, [.. lines.Select(l => l.Description)]);
        if (options.WarmupSeconds > 0)
        {
            // Steady state is what is measured: the same schedule, unrecorded, lets the silo's JIT and GC settle. It sends
            // other lines where there are more (synthetic declarations), so every measured line is still new to the semantic
            // stage's cache of encoded lines.
            var warmup = await RunScheduleAsync(client, Bodies(candidates.Count > lines.Length ? candidates.Skip(lines.Length).Take(lines.Length) : lines), options.Rate, options.WarmupSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"single: warm-up {options.WarmupSeconds} s at {options.Rate:N0}/s (not measured): p99 {warmup.P99FromSchedule:0.00} ms, {warmup.Errors} errors"));
        }

        var siloBefore = await SiloLatencyHistogram.ScrapeAsync(client);
        var memoryBefore = await SiloMetric.DescribeMemoryAsync(client);
        ScheduleRun run;
        string? background = null;
        string? memoryAtEnd = null;
        if (options.BackgroundBatches > 0)
        {
            await using var batches = BackgroundBatches.Start(client, options.BackgroundBatches, [.. candidates.Select(c => c.Description)], options.Mode);
            run = await RunScheduleAsync(client, bodies, options.Rate, options.Seconds);
            memoryAtEnd = await SiloMetric.DescribeMemoryAsync(client);
            background = batches.Describe();
        }
        else
        {
            run = await RunScheduleAsync(client, bodies, options.Rate, options.Seconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"single: {run.Scheduled:N0} requests scheduled at {options.Rate:N0}/s for {options.Seconds} s; {run.Latencies.Count:N0} sent, {run.Latencies.Count / run.Seconds:N0}/s achieved; the semantic stage's encoder consulted for {run.EncoderConsulted * 100.0 / Math.Max(1, run.Latencies.Count):F1} % of them, found it busy for {run.EncoderBusy * 100.0 / Math.Max(1, run.Latencies.Count):F1} % (the hierarchy's answer kept)"));
        Console.WriteLine($"        latency from schedule: {LatencyStatistics.Describe(run.Latencies)}");
        Console.WriteLine($"          of which the sender was late: {LatencyStatistics.Describe(run.Lateness)}");
        Console.WriteLine($"          from sending to the answer  : {LatencyStatistics.Describe(run.ResponseTimes)}");
        Console.WriteLine($"          inside the silo (its /metrics): {(await SiloLatencyHistogram.ScrapeAsync(client)).DescribeSince(siloBefore)}");
        if (background is not null)
        {
            Console.WriteLine($"        {background}, {options.BackgroundBatches} in flight");
            await Task.Delay(TimeSpan.FromSeconds(30));
            Console.WriteLine($"        silo working set: {memoryBefore} before, {memoryAtEnd} at the end of the run, {await SiloMetric.DescribeMemoryAsync(client)} 30 s after it");
        }
        Console.WriteLine($"        errors: {run.Errors} ({string.Join(", ", run.Statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key switch { 0 => "connection", Incomplete => "200 without a result", _ => s.Key.ToString(CultureInfo.InvariantCulture) })}: {s.Value}"))}), not sent (client over {MaxInFlight} in flight): {run.Skipped}");
    }

    // Every line once as a batch: a silo loads chapter models on first use, which is start-up, not steady state. In
    // "fast" mode, so the semantic stage's cache of encoded lines stays as cold as the measured run finds it.
    private static async Task LoadChaptersAsync(HttpClient client, string[] lines)
    {
        var batch = RequestBodies.Serialize(new { lines = lines.Select(d => new { description = d, mode = "fast" }) });
        using var loaded = await client.PostAsync("/v1/classify/batch?explain=false", RequestBodies.Content(batch));
        if (!loaded.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Warm-up batch failed with {(int)loaded.StatusCode}: {await loaded.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<ScheduleRun> RunScheduleAsync(HttpClient client, byte[][] bodies, int rate, int seconds)
    {
        var run = new ScheduleRun(rate * seconds);
        var inFlight = 0;
        var pending = new List<Task>(run.Scheduled);
        var start = Stopwatch.GetTimestamp();
        var ticksPerRequest = (double)Stopwatch.Frequency / rate;
        // The schedule runs on its own thread, sleeping until each due time; the answers are awaited on the thread pool.
        await Task.Factory.StartNew(() =>
        {
            for (var i = 0; i < run.Scheduled; i++)
            {
                var due = start + (long)(i * ticksPerRequest);
                ScheduleClock.SleepUntil(due);
                if (Volatile.Read(ref inFlight) >= MaxInFlight)
                {
                    run.Skipped++;
                    continue;
                }
                Interlocked.Increment(ref inFlight);
                // Started on the schedule's thread, so the request is written without waiting for a pool thread.
                pending.Add(SendAsync(bodies[i % bodies.Length], due));
            }
        }, TaskCreationOptions.LongRunning);
        await Task.WhenAll(pending);
        run.Seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return run;

        async Task SendAsync(byte[] body, long due)
        {
            int status;
            var (encoded, busy) = (false, false);
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.PostAsync("/v1/classify", RequestBodies.Content(body));
                var answer = await response.Content.ReadAsByteArrayAsync();
                status = (int)response.StatusCode;
                if (status == 200 && MarkerCount.In(answer, MarkerCount.ResultMarker) != 1)
                {
                    status = Incomplete;
                }
                encoded = MarkerCount.In(answer, MarkerCount.EncoderMarker) > 0;
                busy = MarkerCount.In(answer, MarkerCount.EncoderBusyMarker) > 0;
            }
            catch (HttpRequestException)
            {
                status = 0;
            }
            var answered = Stopwatch.GetTimestamp();
            Interlocked.Decrement(ref inFlight);
            run.Record(status, encoded, busy, due, sent, answered);
        }
    }


    private sealed class ScheduleRun(int scheduled)
    {
        public int Scheduled { get; } = scheduled;
        public List<double> Latencies { get; } = new(scheduled);
        public List<double> Lateness { get; } = new(scheduled);
        public List<double> ResponseTimes { get; } = new(scheduled);
        public Dictionary<int, int> Statuses { get; } = [];
        public int Errors { get; private set; }
        public int Skipped { get; set; }
        public int EncoderConsulted { get; private set; }
        public int EncoderBusy { get; private set; }
        public double Seconds { get; set; }

        public double P99FromSchedule
        {
            get
            {
                var sorted = Latencies.Order().ToList();
                return LatencyStatistics.Percentile(sorted, 99);
            }
        }

        public void Record(int status, bool encoderConsulted, bool encoderBusy, long due, long sent, long answered)
        {
            lock (Latencies)
            {
                Latencies.Add(Milliseconds(answered - due));
                Lateness.Add(Milliseconds(Math.Max(0, sent - due)));
                ResponseTimes.Add(Milliseconds(answered - sent));
                Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
                Errors += status == 200 ? 0 : 1;
                EncoderConsulted += encoderConsulted ? 1 : 0;
                EncoderBusy += encoderBusy ? 1 : 0;
            }
        }

        private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
    }
}
