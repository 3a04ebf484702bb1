using HsActors.Nomenclature;

namespace HsActors.Classification.Hierarchy;

public sealed class InMemoryChapterModels(IEnumerable<ChapterModel> models) : IChapterModelSource
{
    private readonly Dictionary<HsCode, ChapterModel> _models = models.ToDictionary(m => m.Chapter);

    public IReadOnlyCollection<ChapterModel> All => _models.Values;

    public ChapterModel? Get(HsCode chapter) => _models.GetValueOrDefault(chapter);
}
