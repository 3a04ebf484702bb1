using HsActors.Abstractions.Statistics;
using Orleans.Concurrency;

namespace HsActors.Abstractions.Grains;

/// <summary>
/// One importer's statistics (key: importer id), one activation in the cluster. Reads are concurrent; each recording
/// is a turn that returns only after the change is durable.
/// </summary>
[Alias("hsactors.importer")]
public interface IImporterGrain : IGrainWithStringKey
{
    [ReadOnly]
    [Alias("statistics")]
    Task<ImporterStatistics> GetStatisticsAsync();

    /// <returns>The statistics including the recorded change.</returns>
    [Alias("record")]
    Task<ImporterStatistics> RecordAsync(ImporterDelta delta);
}
