using System.Globalization;

namespace HsActors.LoadBench;

/// <summary>
/// The silo's own CPU time (<c>hsactors_process_cpu_seconds_total</c> on /metrics). Over a batch phase it gives the
/// silo's CPU per line, which is what bounds its throughput once the load generator runs on another machine.
/// </summary>
internal static class SiloCpuTime
{
    private const string Sample = "hsactors_process_cpu_seconds_total ";

    /// <returns>Seconds, or null when the silo does not publish it.</returns>
    public static async Task<double?> ReadAsync(HttpClient client)
    {
        var text = await client.GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(Sample, StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[Sample.Length..], CultureInfo.InvariantCulture);
    }
}
