using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace HsActors.Silo.Metrics;

/// <summary>
/// Aggregates the silo meter's measurements (counters summed, histograms bucketed, gauges and observed counters read at
/// scrape time) and writes them in the Prometheus text exposition format 0.0.4.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private const string OrleansMeter = "Microsoft.Orleans";
    private const string OrleansActivations = "orleans-catalog-activations";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Series> _series = new();
    private readonly Lock _scrape = new();

    public PrometheusExporter(SiloMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Orleans' own activation count stands for "grain activations": the runtime counts them, not us.
            if (ReferenceEquals(instrument.Meter, metrics.Meter) || (instrument.Meter.Name == OrleansMeter && instrument.Name == OrleansActivations))
            {
                listener.EnableMeasurementEvents(instrument, _series.GetOrAdd(instrument, i => new Series(i)));
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((Series)state!).Record(value, tags));
        _listener.Start();
    }

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public string Scrape()
    {
        lock (_scrape)
        {
            foreach (var series in _series.Values.Where(s => s.IsGauge))
            {
                series.Clear(); // a gauge shows what is true now, not every label it ever had
            }
            _listener.RecordObservableInstruments();
            var text = new StringBuilder(4096);
            foreach (var series in _series.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                series.WriteTo(text);
            }
            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private sealed class Series(Instrument instrument)
    {
        private readonly ConcurrentDictionary<string, Cell> _cells = new(StringComparer.Ordinal);

        // Observed at scrape time and shown as observed: gauges, and the process CPU time, a counter the runtime keeps.
        public bool IsGauge { get; } = instrument.IsObservable;

        private bool IsObservedCounter { get; } = instrument is ObservableCounter<double>;

        private bool IsHistogram { get; } = instrument is Histogram<double>;

        public string Name { get; } = PrometheusName(instrument);

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var cell = _cells.GetOrAdd(Labels(tags), _ => new Cell());
            lock (cell)
            {
                if (IsGauge)
                {
                    cell.Sum = value;
                    return;
                }
                cell.Sum += value;
                cell.Count++;
                if (IsHistogram)
                {
                    for (var b = 0; b < LatencyBuckets.Length; b++)
                    {
                        if (value <= LatencyBuckets[b])
                        {
                            cell.Buckets[b]++;
                        }
                    }
                }
            }
        }

        public void Clear() => _cells.Clear();

        public void WriteTo(StringBuilder text)
        {
            if (_cells.IsEmpty)
            {
                return;
            }
            var type = IsObservedCounter ? "counter" : IsGauge ? "gauge" : IsHistogram ? "histogram" : "counter";
            text.Append("# HELP ").Append(Name).Append(' ').Append(Escape(instrument.Description ?? "", help: true)).Append('\n');
            text.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
            foreach (var (labels, cell) in _cells.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                lock (cell)
                {
                    if (!IsHistogram)
                    {
                        Sample(text, Name, labels, cell.Sum);
                        continue;
                    }
                    for (var b = 0; b < LatencyBuckets.Length; b++)
                    {
                        Sample(text, Name + "_bucket", Join(labels, $"le=\"{LatencyBuckets[b].ToString(CultureInfo.InvariantCulture)}\""), cell.Buckets[b]);
                    }
                    Sample(text, Name + "_bucket", Join(labels, "le=\"+Inf\""), cell.Count);
                    Sample(text, Name + "_sum", labels, cell.Sum);
                    Sample(text, Name + "_count", labels, cell.Count);
                }
            }
        }

        private static void Sample(StringBuilder text, string name, string labels, double value)
        {
            text.Append(name);
            if (labels.Length > 0)
            {
                text.Append('{').Append(labels).Append('}');
            }
            text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        private static string Join(string labels, string label) => labels.Length == 0 ? label : labels + "," + label;

        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length == 0)
            {
                return "";
            }
            var sorted = tags.ToArray();
            Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            return string.Join(",", sorted.Select(t =>
                $"{t.Key}=\"{Escape(Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? "", help: false)}\""));
        }

        private static string Escape(string value, bool help)
        {
            var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
            return help ? escaped : escaped.Replace("\"", "\\\"", StringComparison.Ordinal);
        }

        private static string PrometheusName(Instrument instrument)
        {
            var name = instrument.Name.Replace('.', '_').Replace('-', '_');
            if (instrument is Counter<long>)
            {
                return name + "_total";
            }
            var withUnit = instrument.Unit == "s" ? name + "_seconds" : name;
            return instrument is ObservableCounter<double> ? withUnit + "_total" : withUnit;
        }
    }

    private sealed class Cell
    {
        public double Sum;
        public long Count;
        public long[] Buckets { get; } = new long[LatencyBuckets.Length];
    }
}
