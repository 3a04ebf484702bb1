using System.Collections.Concurrent;
using HsActors.Abstractions.Grains;
using HsActors.Grains.Classification;
using HsActors.Grains.Models;
using HsActors.Nomenclature;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Serving;

/// <summary>
/// The models this silo serves, read on the classification hot path without a grain call: the router (with the line
/// classifier built around it) and each chapter's slot, loaded on first use. Pointer changes reach it through
/// <see cref="RefreshAsync"/>, pushed by the pointer hub or found by the backstop poll; refreshes of one key run one at a
/// time, and a line in flight keeps the versions it started with.
/// </summary>
public sealed class ModelCache : IAsyncDisposable
{
    private readonly IModelStore _store;
    private readonly NomenclatureLabels _labels;
    private readonly ClassificationOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ILogger _chapterLogger;
    private readonly ConcurrentDictionary<string, Lazy<Task<ChapterSlot>>> _chapters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _refreshing = new(StringComparer.Ordinal);
    private volatile LineClassifier? _classifier;
    private volatile ModelLoadFault? _routerFault;
    private Abstractions.Blobs.BlobETag? _routerETag;

    public ModelCache(IModelStore store, NomenclatureLabels labels, ClassificationOptions options, TimeProvider time, ILoggerFactory loggers,
        SemanticStage? semantic = null)
    {
        Semantic = semantic;
        _store = store;
        _labels = labels;
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger<ModelCache>();
        _chapterLogger = loggers.CreateLogger<ChapterSlot>();
    }

    public IModelStore Store => _store;

    /// <summary>The silo's sentence encoder and index beside the hierarchy; null where the stage is switched off.</summary>
    public SemanticStage? Semantic { get; }

    public bool RouterLoaded => _classifier is not null;

    /// <summary>The router's line classifier; throws until <see cref="LoadRouterAsync"/> succeeded.</summary>
    internal LineClassifier Classifier => _classifier ?? throw new InvalidOperationException("The router model is not loaded yet.");

    /// <summary>The chapters whose first load completed.</summary>
    public IReadOnlyList<ChapterSlot> Loaded =>
        [.. _chapters.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully).Select(l => l.Value.Result)];

    /// <summary>True when the chapter has a slot (loaded or loading), so a pointer change concerns this silo.</summary>
    public bool Has(string chapter) => _chapters.ContainsKey(chapter);

    /// <summary>Loads the router the pointer names. No previous router to fall back to: a refused router fails loudly.</summary>
    public async Task LoadRouterAsync(CancellationToken cancellationToken)
    {
        var gate = Gate(IModelStore.RouterKey);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_classifier is not null)
            {
                return;
            }
            var stored = await _store.ReadPointerAsync(IModelStore.RouterKey, cancellationToken).ConfigureAwait(false);
            if (stored?.Pointer.ActiveVersion is not { } version)
            {
                throw new InvalidOperationException($"No router model in the {_store.Describe()}.");
            }
            _classifier = new LineClassifier(await _store.ReadRouterAsync(version, cancellationToken).ConfigureAwait(false), this, _labels, _options, Semantic);
            _routerETag = stored.ETag;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Hot path: the chapter's slot once its first load has completed. A chapter still loading (the load is started if
    /// need be) throws <see cref="ChapterLoadPendingException"/> rather than blocking the line's thread.
    /// </summary>
    internal ChapterSlot GetLoaded(HsCode chapter)
    {
        var load = Slot(chapter.Digits);
        return load.IsCompletedSuccessfully ? load.Result : throw new ChapterLoadPendingException(chapter, load);
    }

    /// <summary>The chapter's slot, loading it first if need be.</summary>
    public Task<ChapterSlot> GetAsync(string chapter) => Slot(chapter);

    /// <summary>Re-reads <paramref name="key"/>'s pointer and loads what changed; a chapter this silo never loaded is left alone.</summary>
    public async Task RefreshAsync(string key, CancellationToken cancellationToken)
    {
        if (key == IModelStore.RouterKey)
        {
            if (_classifier is not null)
            {
                await RefreshRouterAsync(cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        if (!_chapters.TryGetValue(key, out var lazy))
        {
            return;
        }
        ChapterSlot slot;
        try
        {
            slot = await lazy.Value.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return; // its first load failed; the next line that needs it loads it afresh
        }
        var gate = Gate(key);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await slot.LoadAsync(firstLoad: false, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public ModelVersionReport Versions()
    {
        var versions = Loaded
            .Select(c => (c.Chapter.Digits, c.Current?.Metadata.Version))
            .Where(c => c.Version is not null)
            .OrderBy(c => c.Digits, StringComparer.Ordinal)
            .ToDictionary(c => c.Digits, c => c.Version!, StringComparer.Ordinal);
        return new ModelVersionReport(Classifier.Router.Metadata.Version, versions) { RouterFault = _routerFault };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var slot in Loaded)
        {
            await slot.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Swaps the router when its pointer changed. A new router must share the featurizer the chapter models index into,
    /// which the retrainer guarantees (it retrains the router's weights over the same vectorizer).
    /// </summary>
    private async Task RefreshRouterAsync(CancellationToken cancellationToken)
    {
        var gate = Gate(IModelStore.RouterKey);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var serving = Classifier.Router.Metadata.Version;
            var stored = await _store.ReadPointerAsync(IModelStore.RouterKey, cancellationToken).ConfigureAwait(false);
            if (stored?.Pointer.ActiveVersion is { } version && stored.ETag != _routerETag && version != serving)
            {
                try
                {
                    var router = await _store.ReadRouterAsync(version, cancellationToken).ConfigureAwait(false);
                    _classifier = new LineClassifier(router, this, _labels, _options, Semantic);
                    _routerFault = null;
                    _logger.LogInformation("The router now serves {Version} (pointer revision {Revision}).", version, stored.Pointer.Revision);
                }
                catch (Exception e) when (VersionLoader.IsRefusal(e))
                {
                    _routerFault = VersionLoader.Fault(version, e, _time.GetUtcNow());
                    _logger.LogError(e, "The router refused model version {Version}; it keeps serving {Serving}.", version, serving);
                    return;
                }
            }
            _routerETag = stored?.ETag ?? _routerETag;
        }
        finally
        {
            gate.Release();
        }
    }

    private Task<ChapterSlot> Slot(string chapter)
    {
        // The hot path finds the slot without building the factory delegate GetOrAdd would allocate on every call.
        if (!_chapters.TryGetValue(chapter, out var lazy))
        {
            lazy = _chapters.GetOrAdd(chapter, c => new Lazy<Task<ChapterSlot>>(() => FirstLoadAsync(c)));
        }
        var load = lazy.Value;
        if (load.IsFaulted)
        {
            // A load that failed for a reason other than a refused version (storage unreachable) is tried again.
            _chapters.TryRemove(new KeyValuePair<string, Lazy<Task<ChapterSlot>>>(chapter, lazy));
        }
        return load;
    }

    private async Task<ChapterSlot> FirstLoadAsync(string chapter)
    {
        await Task.Yield(); // never load on the caller's (hot-path) thread
        var slot = new ChapterSlot(HsCode.Parse(chapter), _store, _time, _chapterLogger);
        var gate = Gate(chapter);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await slot.LoadAsync(firstLoad: true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
        return slot;
    }

    private SemaphoreSlim Gate(string key) => _refreshing.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
}
