using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace HsActors.LoadBench;

/// <summary>
/// Throughput of /v1/classify/batch: request bodies are serialised before the clock starts and responses are streamed
/// (not buffered) and not parsed, only scanned for one result per line, so the client spends as little of the shared
/// CPU as possible. A non-200 answer or one without a result per line counts as an error.
/// </summary>
internal static class BatchPhase
{
    public static async Task RunAsync(HttpClient client, LoadBenchOptions options, IReadOnlyList<string> descriptions)
    {
        var bodies = Enumerable.Range(0, Math.Min(options.Batches, 8)).Select(b => Body(options, descriptions, b)).ToArray();
        var path = $"/v1/classify/batch?explain={(options.Explain ? "true" : "false")}";

        // Warm-up: JIT tiering, chapter grain activations, connection set-up; also checks the answer's shape.
        for (var i = 0; i < options.WarmupBatches; i++)
        {
            using var response = await client.PostAsync(path, RequestBodies.Content(bodies[i % bodies.Length]));
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Warm-up batch failed with {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
            }
            using var json = JsonDocument.Parse(text);
            var count = json.RootElement.GetProperty("results").GetArrayLength();
            if (count != options.BatchLines)
            {
                throw new InvalidOperationException($"A batch of {options.BatchLines} lines returned {count} results.");
            }
        }

        var cpuBefore = await SiloMetric.ReadAsync(client, SiloMetric.CpuSeconds);
        var latencies = new List<double>();
        var errors = 0;
        var incomplete = 0;
        var bytes = 0L;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.BatchConcurrency).Select(async _ =>
        {
            var buffer = new byte[81920];
            int b;
            while ((b = Interlocked.Increment(ref next)) < options.Batches)
            {
                var started = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = RequestBodies.Content(bodies[b % bodies.Length]) };
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var stream = await response.Content.ReadAsStreamAsync();
                var (read, results) = await MarkerCount.DrainAsync(stream, MarkerCount.ResultMarker, buffer);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var complete = results == options.BatchLines;
                lock (latencies)
                {
                    latencies.Add(elapsed);
                    bytes += read;
                    errors += response.IsSuccessStatusCode && complete ? 0 : 1;
                    incomplete += response.IsSuccessStatusCode && !complete ? 1 : 0;
                }
            }
        }));
        clock.Stop();
        var cpuAfter = await SiloMetric.ReadAsync(client, SiloMetric.CpuSeconds);

        var lines = (long)options.Batches * options.BatchLines;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batch:  {options.Batches} requests × {options.BatchLines} lines (explain={options.Explain}, top={options.Top}, {options.BatchConcurrency} in flight) in {clock.Elapsed.TotalSeconds:0.00} s, after {options.WarmupBatches} unmeasured"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"        {lines / clock.Elapsed.TotalSeconds:N0} lines/s, {bytes / clock.Elapsed.TotalSeconds / 1e6:0.0} MB/s of responses, {errors} errors ({incomplete} of them 200 without a result per line)"));
        Console.WriteLine($"        per request: {LatencyStatistics.Describe(latencies)}");
        if (cpuBefore is { } before && cpuAfter is { } after && after > before)
        {
            var perLine = (after - before) / lines;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"        silo CPU: {perLine * 1e6:0} µs a line, {(after - before) / clock.Elapsed.TotalSeconds:0.00} of {Environment.ProcessorCount} cores busy; alone on these cores it could serve at most {Environment.ProcessorCount / perLine:N0} lines/s"));
        }
    }

    private static byte[] Body(LoadBenchOptions options, IReadOnlyList<string> descriptions, int batch)
    {
        var lines = Enumerable.Range(0, options.BatchLines).Select(i => new
        {
            id = (batch * options.BatchLines + i).ToString(CultureInfo.InvariantCulture),
            description = descriptions[(batch * options.BatchLines + i) % descriptions.Count],
            top = options.Top,
            mode = options.Mode,
        });
        return RequestBodies.Serialize(new { lines });
    }
}
