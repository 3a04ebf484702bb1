using HsActors.Abstractions.Statistics;

namespace HsActors.Abstractions.Grains;

/// <summary>
/// One importer's statistics (key: importer id). Reads are concurrent; each recording is a turn that returns only
/// after the change is durable in the <see cref="IImporterStatisticsStore"/>.
/// </summary>
public interface IImporterGrain : IGrainWithStringKey
{
    [ReadOnly]
    Task<ImporterStatistics> GetStatisticsAsync();

    /// <returns>The statistics including the recorded change.</returns>
    Task<ImporterStatistics> RecordAsync(ImporterDelta delta);
}
