using HsActors.Grains.Models;
using HsActors.Grains.Runtime;
using HsActors.Nomenclature;

namespace HsActors.Grains.Classification;

/// <summary>
/// The classification hot path's way to the chapter grains: activates a chapter on first use and reads its active
/// version without a turn (a dictionary lookup and a volatile read per chapter per line).
/// </summary>
public sealed class ChapterGrainDirectory(GrainActivationTable<ChapterGrain> table)
{
    public VersionedChapter? Get(HsCode chapter)
    {
        var pending = table.GetActivatedAsync(chapter.Digits);
        // Chapter activation loads synchronously, so a pending activation only means another thread is loading it now.
        var grain = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        return grain.Current;
    }

    public IReadOnlyList<ChapterGrain> Active => table.ActiveGrains;
}
