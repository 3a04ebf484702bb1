using System.Diagnostics.Metrics;
using HsActors.Contracts;
using HsActors.Grains.Serving;
using HsActors.Silo.Hosting;

namespace HsActors.Silo.Metrics;

/// <summary>
/// The silo's instruments on its own <see cref="System.Diagnostics.Metrics.Meter"/>: anything that listens to
/// "HsActors.Silo" (dotnet-counters, OpenTelemetry) sees them; <see cref="PrometheusExporter"/> serves them at /metrics.
/// </summary>
public sealed class SiloMetrics : IDisposable
{
    public const string MeterName = "HsActors.Silo";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _lines;
    private readonly Counter<long> _semanticLines;

    public SiloMetrics(SiloReadiness readiness, ModelCache models)
    {
        Meter = new Meter(MeterName);
        _requests = Meter.CreateCounter<long>("hsactors.http.requests", description: "HTTP requests by endpoint and status code.");
        _duration = Meter.CreateHistogram<double>("hsactors.http.request.duration", unit: "s", description: "HTTP request latency by endpoint.");
        _lines = Meter.CreateCounter<long>("hsactors.classified.lines", description: "Classified lines by the chapter of their top recommendation.");
        _semanticLines = Meter.CreateCounter<long>("hsactors.semantic.lines",
            description: "Lines the semantic stage's encoder took part in (encoder=consulted) and cascade lines it was too busy for (encoder=busy: the hierarchy's answer kept).");
        Meter.CreateObservableGauge("hsactors.ready", () => readiness.IsReady ? 1 : 0, description: "1 when the model is loaded and classification is served.");
        Meter.CreateObservableGauge("hsactors.model.version", () => ModelVersions(readiness, models),
            description: "1 for each model version in service, labelled by model (router or chapter) and version.");
        Meter.CreateObservableCounter("hsactors.process.cpu", () => Environment.CpuUsage.TotalTime.TotalSeconds, unit: "s",
            description: "CPU time the silo process has used (user and system), for CPU cost per request under load.");
        Meter.CreateObservableGauge("hsactors.process.working_set.bytes", () => Environment.WorkingSet,
            description: "Physical memory the silo process holds now, to see that it gives back what a burst of batches took.");
    }

    public Meter Meter { get; }

    public void RecordRequest(string endpoint, int status, double seconds)
    {
        var endpointTag = new KeyValuePair<string, object?>("endpoint", endpoint);
        _requests.Add(1, endpointTag, new KeyValuePair<string, object?>("status", status));
        _duration.Record(seconds, endpointTag);
    }

    /// <summary>Counted per chapter once per request, not per line, to keep batches cheap.</summary>
    public void RecordClassified(IReadOnlyList<ClassifyResponse> results)
    {
        var byChapter = new Dictionary<string, long>(StringComparer.Ordinal);
        long consulted = 0, busy = 0;
        foreach (var result in results)
        {
            var chapter = result.Recommendations.Count > 0 ? result.Recommendations[0].Chapter : "none";
            byChapter[chapter] = byChapter.GetValueOrDefault(chapter) + 1;
            consulted += result.EncoderConsulted ? 1 : 0;
            busy += result.EncoderBusy ? 1 : 0;
        }
        foreach (var (chapter, count) in byChapter)
        {
            _lines.Add(count, new KeyValuePair<string, object?>("chapter", chapter));
        }
        if (consulted > 0)
        {
            _semanticLines.Add(consulted, new KeyValuePair<string, object?>("encoder", "consulted"));
        }
        if (busy > 0)
        {
            _semanticLines.Add(busy, new KeyValuePair<string, object?>("encoder", "busy"));
        }
    }

    public void Dispose() => Meter.Dispose();

    private static IEnumerable<Measurement<int>> ModelVersions(SiloReadiness readiness, ModelCache models)
    {
        if (readiness.RouterVersion is { } router)
        {
            yield return Version("router", router);
        }
        foreach (var chapter in models.Loaded)
        {
            if (chapter.Current is { } current)
            {
                yield return Version(chapter.Chapter.Digits, current.Metadata.Version);
            }
        }
    }

    private static Measurement<int> Version(string model, string version) =>
        new(1, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("version", version));
}
