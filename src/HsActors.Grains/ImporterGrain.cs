using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Statistics;
using HsActors.Grains.Runtime;

namespace HsActors.Grains;

/// <summary>
/// Caches one importer's statistics. A recording is a turn that first makes the delta durable, then applies it, so what
/// a caller was told is never lost and the cache never runs ahead of the store.
/// </summary>
public sealed class ImporterGrain(IImporterStatisticsStore store) : Grain, IImporterGrain
{
    private ImporterStatistics? _statistics;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _statistics = await store.ReadAsync(Key, cancellationToken).ConfigureAwait(false) ?? ImporterStatistics.Empty(Key);
    }

    public Task<ImporterStatistics> GetStatisticsAsync() => Task.FromResult(Statistics);

    public async Task<ImporterStatistics> RecordAsync(ImporterDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var next = Statistics.Apply(delta); // validates the delta before anything is written
        if (ReferenceEquals(next, Statistics))
        {
            // A stream entry already counted (replayed after a crash): nothing to write.
            return next;
        }
        await store.AppendAsync([delta]).ConfigureAwait(false);
        // A shared store may have skipped the delta because another silo counted that stream offset first; the cache
        // applies it all the same, since either way the store now holds it exactly once.
        _statistics = next;
        return next;
    }

    private ImporterStatistics Statistics => _statistics ?? throw new InvalidOperationException("The importer grain is not activated.");
}
