using HsActors.Grains.Runtime;
using HsActors.Nomenclature;

namespace HsActors.Grains.Classification;

/// <summary>
/// The classification hot path's way to the chapter grains: activates a chapter on first use and reads its serving
/// snapshot without a turn (a dictionary lookup and a volatile read per chapter per line).
/// </summary>
public sealed class ChapterGrainDirectory(GrainActivationTable<ChapterGrain> table)
{
    public ChapterGrain Get(HsCode chapter)
    {
        var pending = table.GetActivatedAsync(chapter.Digits);
        // A pending activation means the chapter's model is being loaded now; the line waits for it.
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Activates the chapters a batch will need before its lines fan out over the thread pool: a line that met a pending
    /// activation would block its pool thread on a load that itself needs pool threads, starving the pool.
    /// </summary>
    public async Task ActivateAsync(IEnumerable<HsCode> chapters)
    {
        var pending = chapters.Select(c => table.GetActivatedAsync(c.Digits)).Where(t => !t.IsCompletedSuccessfully).Select(t => t.AsTask()).ToArray();
        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    public IReadOnlyList<ChapterGrain> Active => table.ActiveGrains;

    /// <summary>True when the chapter has an activation (done or in progress), so a pointer change concerns it.</summary>
    public bool IsActivated(string chapter) => table.HasActivation(chapter);
}
