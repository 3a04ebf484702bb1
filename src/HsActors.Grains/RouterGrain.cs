using System.Collections.Concurrent;
using HsActors.Abstractions.Blobs;
using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Overrides;
using HsActors.Abstractions.Statistics;
using HsActors.Contracts;
using HsActors.Grains.Classification;
using HsActors.Grains.Importers;
using HsActors.Grains.Models;
using HsActors.Grains.Runtime;
using HsActors.Learning;
using HsActors.Nomenclature;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains;

/// <summary>
/// Holds the router model and dispatches each line to the chapter grains of its top chapters, in parallel and without
/// turns (the models are read-only); then records the lines with their importer grains and attaches their summaries.
/// An officer's override for the same goods (looked up by the cleansed description) is consulted before the model and
/// decides the first recommendation.
/// </summary>
public sealed class RouterGrain(
    IModelStore store, ChapterGrainDirectory chapters, IGrainFactory grains, NomenclatureLabels labels,
    ClassificationOptions options, TimeProvider time, ILogger<RouterGrain> logger, IOverrideStore? overrides = null) : Grain, IRouterGrain
{
    private volatile LineClassifier? _classifier;
    private BlobETag? _etag;
    private volatile ModelLoadFault? _fault;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadPointerAsync(IModelStore.RouterKey, cancellationToken).ConfigureAwait(false);
        if (stored?.Pointer.ActiveVersion is not { } version)
        {
            throw new InvalidOperationException($"No router model in {store.Describe()}.");
        }
        // No previous router to fall back to: a refused router fails activation (and readiness) loudly.
        _classifier = new LineClassifier(await store.ReadRouterAsync(version, cancellationToken).ConfigureAwait(false), chapters, labels, options);
        _etag = stored.ETag;
    }

    /// <summary>
    /// Swaps the router when its pointer changed. A new router must share the featurizer the chapter models index into,
    /// which the retrainer guarantees (it retrains the router's weights over the same vectorizer).
    /// </summary>
    public async Task<ModelVersionReport> RefreshAsync()
    {
        var stored = await store.ReadPointerAsync(IModelStore.RouterKey).ConfigureAwait(false);
        if (stored?.Pointer.ActiveVersion is { } version && stored.ETag != _etag && version != Classifier.Router.Metadata.Version)
        {
            try
            {
                var router = await store.ReadRouterAsync(version).ConfigureAwait(false);
                _classifier = new LineClassifier(router, chapters, labels, options);
                _fault = null;
                logger.LogInformation("The router now serves {Version} (pointer revision {Revision}).", version, stored.Pointer.Revision);
            }
            catch (Exception e) when (VersionLoader.IsRefusal(e))
            {
                _fault = VersionLoader.Fault(version, e, time.GetUtcNow());
                logger.LogError(e, "The router refused model version {Version}; it keeps serving {Serving}.", version, Classifier.Router.Metadata.Version);
                return await GetModelVersionsAsync().ConfigureAwait(false);
            }
        }
        _etag = stored?.ETag ?? _etag;
        return await GetModelVersionsAsync().ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ClassifyResponse>> ClassifyAsync(IReadOnlyList<ClassifyRequest> lines, ClassifyCallOptions callOptions)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var classifier = Classifier;
        var importers = lines.Select(l => l.ImporterId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var histories = options.ImporterHistoryWeight > 0 && importers.Length > 0
            ? await ReadStatisticsAsync(importers).ConfigureAwait(false)
            : null;

        // An empty override table (the usual case) costs one call per request, not a lookup per line.
        var consultOverrides = overrides is not null && await overrides.CountAsync().ConfigureAwait(false) > 0;
        // Cleanse and vectorize every line, then rank the lines in parallel. A line that needs a chapter still loading is
        // set aside (its thread does not block on the load, which needs pool threads itself) and ranked again once the
        // chapters it waited for are in memory; in steady state every chapter is loaded and each line is ranked once.
        var prepared = new (string Cleaned, SparseVector Features)[lines.Count];
        ForEachLine(lines.Count, i =>
        {
            var cleaned = classifier.Clean(lines[i].Description);
            prepared[i] = (cleaned, classifier.Router.Model.Featurizer.Featurize(cleaned));
        });
        var results = new ClassifyResponse[lines.Count];
        var pending = RankLines(Enumerable.Range(0, lines.Count).ToArray());
        while (pending.Count > 0)
        {
            await Task.WhenAll(pending.Select(p => p.Activation).Distinct()).ConfigureAwait(false);
            pending = RankLines([.. pending.Select(p => p.Line)]);
        }

        if (importers.Length > 0)
        {
            var recorded = await RecordAsync(ImporterDeltas.FromLines(lines, classifier.Judge, time.GetUtcNow())).ConfigureAwait(false);
            for (var i = 0; i < results.Length; i++)
            {
                if (lines[i].ImporterId is { } importer)
                {
                    results[i] = results[i] with { Importer = recorded[importer] };
                }
            }
        }
        return results;

        ConcurrentBag<(int Line, Task Activation)> RankLines(int[] indices)
        {
            var waiting = new ConcurrentBag<(int Line, Task Activation)>();
            ForEachLine(indices.Length, k =>
            {
                var i = indices[k];
                try
                {
                    results[i] = ClassifyLine(
                        classifier, lines[i], prepared[i].Cleaned, prepared[i].Features, History(histories, lines[i]), callOptions.Explain, consultOverrides);
                }
                catch (ChapterActivationPendingException e)
                {
                    waiting.Add((i, e.Activation));
                }
            });
            return waiting;
        }
    }

    public Task<string> NormalizeDescriptionAsync(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return Task.FromResult(Classifier.Clean(description));
    }

    public Task<ModelVersionReport> GetModelVersionsAsync()
    {
        var versions = chapters.Active
            .Select(c => (c.Key, c.Current?.Metadata.Version))
            .Where(c => c.Version is not null)
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToDictionary(c => c.Key, c => c.Version!, StringComparer.Ordinal);
        return Task.FromResult(new ModelVersionReport(Classifier.Router.Metadata.Version, versions) { RouterFault = _fault });
    }

    private ClassifyResponse ClassifyLine(LineClassifier classifier, ClassifyRequest line, string cleaned, SparseVector features,
        ImporterStatistics? history, bool explain, bool consultOverrides)
    {
        OfficerOverride? officer = null;
        if (consultOverrides && cleaned.Length > 0)
        {
            // The store answers from memory (its contract), so the lookup completes synchronously on this worker thread.
            var lookup = overrides!.FindAsync(cleaned, line.ImporterId);
            officer = lookup.IsCompletedSuccessfully ? lookup.Result : lookup.AsTask().GetAwaiter().GetResult();
        }
        return classifier.Classify(line, cleaned, features, history, explain, officer);
    }

    private static void ForEachLine(int count, Action<int> body)
    {
        if (count == 1)
        {
            body(0);
            return;
        }
        Parallel.For(0, count, body);
    }

    private LineClassifier Classifier => _classifier ?? throw new InvalidOperationException("The router grain is not activated.");

    private static ImporterStatistics? History(Dictionary<string, ImporterStatistics>? histories, ClassifyRequest line) =>
        histories is not null && line.ImporterId is { } importer ? histories.GetValueOrDefault(importer) : null;

    private async Task<Dictionary<string, ImporterStatistics>> ReadStatisticsAsync(string[] importers)
    {
        var statistics = await Task.WhenAll(importers.Select(i => grains.GetGrain<IImporterGrain>(i).GetStatisticsAsync())).ConfigureAwait(false);
        return statistics.ToDictionary(s => s.ImporterId, StringComparer.Ordinal);
    }

    /// <summary>All importers of the request record concurrently, so their appends share the store's syncs.</summary>
    private async Task<Dictionary<string, ImporterSummary>> RecordAsync(IReadOnlyList<ImporterDelta> deltas)
    {
        var statistics = await Task.WhenAll(deltas.Select(d => grains.GetGrain<IImporterGrain>(d.ImporterId).RecordAsync(d))).ConfigureAwait(false);
        return statistics.ToDictionary(s => s.ImporterId, s => s.ToSummary(), StringComparer.Ordinal);
    }
}
