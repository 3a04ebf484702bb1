using HsActors.Abstractions.Statistics;
using Orleans.Concurrency;

namespace HsActors.Abstractions.Grains;

/// <summary>One declared code's statistics (key: the code's digits), one activation in the cluster.</summary>
[Alias("hsactors.declared-code")]
public interface IDeclaredCodeGrain : IGrainWithStringKey
{
    [ReadOnly]
    [Alias("statistics")]
    Task<DeclaredCodeStatistics> GetStatisticsAsync();

    [Alias("record")]
    Task RecordAsync(DeclaredCodeDelta delta);
}
