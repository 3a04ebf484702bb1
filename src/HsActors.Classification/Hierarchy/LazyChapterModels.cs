using System.Collections.Concurrent;
using HsActors.Nomenclature;

namespace HsActors.Classification.Hierarchy;

/// <summary>Loads a chapter's model the first time a description is routed to it, once, however many callers race.</summary>
public sealed class LazyChapterModels(Func<HsCode, ChapterModel?> load) : IChapterModelSource
{
    private readonly ConcurrentDictionary<HsCode, Lazy<ChapterModel?>> _models = new();

    public int LoadedCount => _models.Count(m => m.Value is { IsValueCreated: true, Value: not null });

    public ChapterModel? Get(HsCode chapter) =>
        _models.GetOrAdd(chapter, c => new Lazy<ChapterModel?>(() => load(c), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
