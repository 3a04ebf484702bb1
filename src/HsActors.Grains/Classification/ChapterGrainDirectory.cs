using HsActors.Grains.Runtime;
using HsActors.Nomenclature;

namespace HsActors.Grains.Classification;

/// <summary>
/// The classification hot path's way to the chapter grains: activates a chapter on first use and reads its serving
/// snapshot without a turn (a dictionary lookup and a volatile read per chapter per line).
/// </summary>
public sealed class ChapterGrainDirectory(GrainActivationTable<ChapterGrain> table)
{
    /// <summary>
    /// The chapter's grain once its activation has completed. A chapter still activating (the activation is started if
    /// need be) throws <see cref="ChapterActivationPendingException"/> rather than blocking the line's thread.
    /// </summary>
    public ChapterGrain GetActivated(HsCode chapter)
    {
        var pending = table.GetActivatedAsync(chapter.Digits);
        return pending.IsCompletedSuccessfully ? pending.Result : throw new ChapterActivationPendingException(chapter, pending.AsTask());
    }

    public IReadOnlyList<ChapterGrain> Active => table.ActiveGrains;

    /// <summary>True when the chapter has an activation (done or in progress), so a pointer change concerns it.</summary>
    public bool IsActivated(string chapter) => table.HasActivation(chapter);
}
