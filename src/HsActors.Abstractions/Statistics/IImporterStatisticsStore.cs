namespace HsActors.Abstractions.Statistics;

/// <summary>
/// Durable importer statistics. <see cref="AppendAsync"/> completes only once its deltas survive a crash, so a grain
/// acknowledges a recording to its caller only after that; implementations batch concurrent appends into few syncs.
/// </summary>
public interface IImporterStatisticsStore
{
    /// <summary>The importer's statistics as of the last durable append; null when it was never recorded.</summary>
    ValueTask<ImporterStatistics?> ReadAsync(string importerId, CancellationToken cancellationToken = default);

    Task AppendAsync(IReadOnlyList<ImporterDelta> deltas, CancellationToken cancellationToken = default);
}
