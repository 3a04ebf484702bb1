using System.Globalization;

namespace HsActors.LoadBench;

/// <summary>Percentiles of recorded latencies (nearest rank), in milliseconds.</summary>
internal static class LatencyStatistics
{
    public static double Percentile(IReadOnlyList<double> sortedMilliseconds, double percentile)
    {
        if (sortedMilliseconds.Count == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(percentile / 100.0 * sortedMilliseconds.Count);
        return sortedMilliseconds[Math.Clamp(rank - 1, 0, sortedMilliseconds.Count - 1)];
    }

    public static string Describe(List<double> milliseconds)
    {
        milliseconds.Sort();
        return string.Create(CultureInfo.InvariantCulture,
            $"p50 {Percentile(milliseconds, 50):0.00} ms, p90 {Percentile(milliseconds, 90):0.00} ms, p99 {Percentile(milliseconds, 99):0.00} ms, max {(milliseconds.Count > 0 ? milliseconds[^1] : double.NaN):0.00} ms");
    }
}
