using HsActors.Classification.Hierarchy;

namespace HsActors.Classification.Training;

public sealed record TrainedModelSet(RouterModel Router, IReadOnlyList<ChapterModel> Chapters, TrainingSummary Summary)
{
    public HierarchicalClassifier ToClassifier(HierarchyOptions options) => new(Router, new InMemoryChapterModels(Chapters), options);
}
