using HsActors.Classification.Hierarchy;
using HsActors.Grains.Models;
using HsActors.Grains.Serving;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Grains.Classification;

/// <summary>
/// The chapter source for one line: fetches each chapter's version once — the canary for the request key's share,
/// else the active one — and keeps it, so the ranking, the declared-code check, the explanations and the reported
/// model versions all describe the same version even if a swap lands mid-line. One thread per instance.
/// </summary>
internal sealed class PinnedChapterModels(ModelCache models, string requestKey) : IChapterModelSource
{
    private readonly List<(HsCode Chapter, VersionedChapter? Version, ChapterSlot Slot, bool Canary)> _pinned = new(4);

    public IEnumerable<(HsCode Chapter, VersionedChapter? Version)> Pinned => _pinned.Select(p => (p.Chapter, p.Version));

    public int Count => _pinned.Count;

    public ChapterModel? Get(HsCode chapter) => Pin(chapter)?.Model;

    public VersionedChapter? Pin(HsCode chapter)
    {
        foreach (var pinned in _pinned)
        {
            if (pinned.Chapter == chapter)
            {
                return pinned.Version;
            }
        }
        var slot = models.GetLoaded(chapter);
        var serving = slot.Serving;
        var chosen = serving.Choose(requestKey);
        _pinned.Add((chapter, chosen?.Chapter, slot, chosen is not null && !ReferenceEquals(chosen, serving.Active)));
        return chosen?.Chapter;
    }

    /// <summary>Lines answered by the active version are compared with the chapter's shadow, off the response path.</summary>
    public void OfferToShadows(in SparseVector features, string description)
    {
        foreach (var pinned in _pinned)
        {
            if (!pinned.Canary && pinned.Version is not null)
            {
                pinned.Slot.OfferShadow(features, description);
            }
        }
    }
}
