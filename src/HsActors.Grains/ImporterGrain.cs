using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Statistics;

namespace HsActors.Grains;

/// <summary>
/// One importer's statistics as Orleans persistent grain state: one activation in the cluster, so recordings from every
/// silo meet in one place and add up exactly. A recording is a turn that writes the new state before it answers, so what
/// a caller was told is never lost; a failed write leaves the state as storage holds it. Assessments carry their stream offset,
/// and an offset at or below the stored mark was counted already (a replay after a crash), so each counts once.
/// </summary>
[CollectionAgeLimit(Minutes = 10)]
public sealed class ImporterGrain([PersistentState("statistics", GrainStorageNames.State)] IPersistentState<ImporterStatistics> state)
    : Grain, IImporterGrain
{
    public Task<ImporterStatistics> GetStatisticsAsync() => Task.FromResult(Statistics);

    public async Task<ImporterStatistics> RecordAsync(ImporterDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var current = Statistics;
        var next = current.Apply(delta); // validates the delta before anything is written
        if (ReferenceEquals(next, current))
        {
            return next; // a stream entry already counted
        }
        await state.WriteOrReloadAsync(next, this);
        return next;
    }

    private ImporterStatistics Statistics => state.RecordExists ? state.State : ImporterStatistics.Empty(this.GetPrimaryKeyString());
}
