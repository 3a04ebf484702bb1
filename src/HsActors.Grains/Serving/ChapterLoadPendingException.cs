using HsActors.Nomenclature;

namespace HsActors.Grains.Serving;

/// <summary>
/// Thrown out of a line's ranking when it needs a chapter whose model is still loading: the line is set aside and ranked
/// again once <see cref="Load"/> completes, so no pool thread blocks on a load that itself needs pool threads.
/// </summary>
internal sealed class ChapterLoadPendingException(HsCode chapter, Task load)
    : Exception($"Chapter {chapter} is still being loaded.")
{
    public Task Load { get; } = load;
}
