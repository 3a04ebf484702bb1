using HsActors.Classification.Hierarchy;
using HsActors.Grains.Models;
using HsActors.Nomenclature;

namespace HsActors.Grains.Classification;

/// <summary>
/// The chapter source for one line: fetches each chapter's active version once and keeps it, so the ranking, the
/// declared-code check, the explanations and the reported model versions all describe the same version even if a
/// promotion lands mid-line. One thread per instance.
/// </summary>
internal sealed class PinnedChapterModels(ChapterGrainDirectory directory) : IChapterModelSource
{
    private readonly List<(HsCode Chapter, VersionedChapter? Version)> _pinned = new(4);

    public IReadOnlyList<(HsCode Chapter, VersionedChapter? Version)> Pinned => _pinned;

    public ChapterModel? Get(HsCode chapter) => Pin(chapter)?.Model;

    public VersionedChapter? Pin(HsCode chapter)
    {
        foreach (var (pinnedChapter, version) in _pinned)
        {
            if (pinnedChapter == chapter)
            {
                return version;
            }
        }
        var fetched = directory.Get(chapter);
        _pinned.Add((chapter, fetched));
        return fetched;
    }
}
