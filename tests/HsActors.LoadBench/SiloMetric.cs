using System.Globalization;

namespace HsActors.LoadBench;

/// <summary>
/// One sample of the silo's own /metrics: its CPU time (over a batch phase, the silo's CPU per line, which bounds its
/// throughput once the load generator runs elsewhere) or its working set (what a burst took and what it gave back).
/// </summary>
internal static class SiloMetric
{
    public const string CpuSeconds = "hsactors_process_cpu_seconds_total";
    public const string WorkingSetBytes = "hsactors_process_working_set_bytes";

    /// <returns>The value, or null when the silo does not publish it.</returns>
    public static async Task<double?> ReadAsync(HttpClient client, string sample)
    {
        var text = await client.GetStringAsync("/metrics");
        var prefix = sample + " ";
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[prefix.Length..], CultureInfo.InvariantCulture);
    }

    public static async Task<string> DescribeMemoryAsync(HttpClient client) =>
        await ReadAsync(client, WorkingSetBytes) is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1 << 20):N0} MiB") : "not published";
}
