namespace HsActors.Bench;

public sealed record LatencyStatistics(double MeanMicroseconds, double P50, double P90, double P99, double Max)
{
    public static LatencyStatistics From(double[] microseconds)
    {
        var sorted = microseconds.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        return new LatencyStatistics(sorted.Average(), At(0.50), At(0.90), At(0.99), sorted[^1]);
    }

    public override string ToString() =>
        $"mean {MeanMicroseconds:F1} µs, p50 {P50:F1} µs, p90 {P90:F1} µs, p99 {P99:F1} µs, max {Max:F0} µs";
}
