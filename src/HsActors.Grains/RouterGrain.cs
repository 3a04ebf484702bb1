using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Overrides;
using HsActors.Abstractions.Statistics;
using HsActors.Contracts;
using HsActors.Grains.Classification;
using HsActors.Grains.Importers;
using HsActors.Grains.Serving;
using Orleans.Concurrency;

namespace HsActors.Grains;

/// <summary>
/// Classifies on the silo that received the request: a stateless worker whose activations read this silo's
/// <see cref="ModelCache"/>, rank the lines in parallel on the thread pool (the grain's own scheduler runs one turn at a
/// time, on one thread) and record the declarations with their importers' grains, wherever those live. It is
/// reentrant, so a large batch never holds a single line up behind it. An officer's override for the same goods
/// (looked up by the cleansed description) is consulted before the model and decides the first recommendation.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class RouterGrain(ModelCache models, ClassificationOptions options, TimeProvider time, IOverrideStore? overrides = null)
    : Grain, IRouterGrain
{
    public async Task<Immutable<ClassifyResponse[]>> ClassifyAsync(Immutable<ClassifyRequest[]> request, ClassifyCallOptions callOptions)
    {
        var lines = request.Value;
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(callOptions);
        var classifier = models.Classifier;
        var importers = lines.Select(l => l.ImporterId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var histories = options.ImporterHistoryWeight > 0 && importers.Length > 0 ? await ReadStatisticsAsync(importers) : null;
        // An empty override table (the usual case) costs one call per request, not a lookup per line.
        var consultOverrides = overrides is not null && await overrides.CountAsync() > 0;

        var results = await Task.Run(() => LineBatch.RankAsync(classifier, lines, histories, callOptions.Explain, consultOverrides ? overrides : null, options.BatchParallelism));

        var now = time.GetUtcNow();
        var codes = DeclarationDeltas.ForCodes(lines, classifier.Judge, now);
        var codesRecorded = Task.WhenAll(codes.Select(d => GrainFactory.GetGrain<IDeclaredCodeGrain>(d.Code).RecordAsync(d)));
        if (importers.Length > 0)
        {
            var recorded = await RecordAsync(DeclarationDeltas.ForImporters(lines, classifier.Judge, now));
            for (var i = 0; i < results.Length; i++)
            {
                if (lines[i].ImporterId is { } importer)
                {
                    results[i] = results[i] with { Importer = recorded[importer] };
                }
            }
        }
        await codesRecorded;
        return new Immutable<ClassifyResponse[]>(results);
    }

    public Task<string> NormalizeDescriptionAsync(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return Task.FromResult(models.Classifier.Clean(description));
    }

    public Task<ModelVersionReport> GetModelVersionsAsync() => Task.FromResult(models.Versions());

    private async Task<Dictionary<string, ImporterStatistics>> ReadStatisticsAsync(string[] importers)
    {
        var statistics = await Task.WhenAll(importers.Select(i => GrainFactory.GetGrain<IImporterGrain>(i).GetStatisticsAsync()));
        return statistics.ToDictionary(s => s.ImporterId, StringComparer.Ordinal);
    }

    /// <summary>All importers of the request record concurrently, so their writes overlap.</summary>
    private async Task<Dictionary<string, ImporterSummary>> RecordAsync(IReadOnlyList<ImporterDelta> deltas)
    {
        var statistics = await Task.WhenAll(deltas.Select(d => GrainFactory.GetGrain<IImporterGrain>(d.ImporterId).RecordAsync(d)));
        return statistics.ToDictionary(s => s.ImporterId, s => s.ToSummary(), StringComparer.Ordinal);
    }
}
