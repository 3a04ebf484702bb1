using HsActors.Nomenclature;

namespace HsActors.Grains.Classification;

/// <summary>
/// Thrown out of a line's ranking when it needs a chapter whose model is still loading: the line is set aside and ranked
/// again once <see cref="Activation"/> completes, so no pool thread blocks on a load that itself needs pool threads.
/// </summary>
internal sealed class ChapterActivationPendingException(HsCode chapter, Task activation)
    : Exception($"Chapter {chapter} is still being activated.")
{
    public Task Activation { get; } = activation;
}
