namespace HsActors.Abstractions.Statistics;

/// <summary>
/// An importer statistics store that can record a stream consumer's offset atomically with the deltas derived from
/// the entries below it. A consumer that counts assessments this way, and resumes from the offset the same store
/// keeps (its <see cref="Streaming.IStreamOffsetStore"/>), counts every entry exactly once even when it crashes between
/// counting and saving: either both the deltas and the offset are durable, or neither is.
/// </summary>
public interface IOffsetCommittingStatisticsStore : IImporterStatisticsStore
{
    /// <summary>Makes <paramref name="deltas"/> and <paramref name="offset"/> durable in one transaction.</summary>
    Task AppendAsync(IReadOnlyList<ImporterDelta> deltas, ConsumerOffset offset, CancellationToken cancellationToken = default);
}
