using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Statistics;

namespace HsActors.Grains;

/// <summary>
/// One declared code's statistics as Orleans persistent grain state, fed by the same requests as the importers'
/// grains. A recording answers only once the new state is written; a failed write leaves the state as storage holds it.
/// </summary>
[CollectionAgeLimit(Minutes = 10)]
public sealed class DeclaredCodeGrain([PersistentState("statistics", GrainStorageNames.State)] IPersistentState<DeclaredCodeStatistics> state)
    : Grain, IDeclaredCodeGrain
{
    public Task<DeclaredCodeStatistics> GetStatisticsAsync() =>
        Task.FromResult(state.RecordExists ? state.State : DeclaredCodeStatistics.Empty(this.GetPrimaryKeyString()));

    public async Task RecordAsync(DeclaredCodeDelta delta)
    {
        var previous = await GetStatisticsAsync();
        await state.WriteOrReloadAsync(previous.Apply(delta), this);
    }
}
