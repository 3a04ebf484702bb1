using System.Globalization;
using System.Text;

namespace HsActors.LoadBench;

/// <summary>
/// The silo's own view of single-line latency: the cumulative buckets of its request-duration histogram for
/// <c>POST /v1/classify</c> (read from /metrics), so a run shows how much of the client's latency the silo spent
/// between receiving a request and finishing its answer.
/// </summary>
internal sealed class SiloLatencyHistogram
{
    private const string BucketPrefix = "hsactors_http_request_duration_seconds_bucket{";
    private const string Route = "POST /v1/classify\"";

    private readonly SortedDictionary<double, long> _cumulative;

    private SiloLatencyHistogram(SortedDictionary<double, long> cumulative) => _cumulative = cumulative;

    public static async Task<SiloLatencyHistogram> ScrapeAsync(HttpClient client)
    {
        var text = await client.GetStringAsync("/metrics");
        var cumulative = new SortedDictionary<double, long>();
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(BucketPrefix, StringComparison.Ordinal) || !line.Contains(Route, StringComparison.Ordinal))
            {
                continue;
            }
            var le = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
            var bound = line[le..line.IndexOf('"', le)];
            var upper = bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture);
            var count = long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            // One series per status: their buckets add up.
            cumulative[upper] = cumulative.GetValueOrDefault(upper) + count;
        }
        return new SiloLatencyHistogram(cumulative);
    }

    /// <summary>Share of the requests answered since <paramref name="before"/> within each bucket bound up to 10 ms.</summary>
    public string DescribeSince(SiloLatencyHistogram before)
    {
        var total = _cumulative.GetValueOrDefault(double.PositiveInfinity) - before._cumulative.GetValueOrDefault(double.PositiveInfinity);
        if (total <= 0)
        {
            return "no POST /v1/classify in the silo's /metrics";
        }
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{total:N0} requests; "));
        foreach (var (upper, count) in _cumulative.Where(b => b.Key <= 0.010))
        {
            var share = (count - before._cumulative.GetValueOrDefault(upper)) * 100.0 / total;
            text.Append(CultureInfo.InvariantCulture, $"≤ {upper * 1000:0.#} ms {share:0.0} %, ");
        }
        return text.ToString().TrimEnd(',', ' ');
    }
}
