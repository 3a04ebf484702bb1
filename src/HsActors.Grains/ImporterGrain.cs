using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Statistics;

namespace HsActors.Grains;

/// <summary>
/// Caches one importer's statistics. A recording is a turn that first makes the delta durable, then applies it, so what
/// a caller was told is never lost and the cache never runs ahead of the store. With a store other silos write too
/// (<see cref="ImporterGrainOptions.Refresh"/> finite), a read older than that is refreshed from the store, so every
/// silo shows what the others recorded within about that time.
/// </summary>
[CollectionAgeLimit(Minutes = 10)]
public sealed class ImporterGrain(IImporterStatisticsStore store, ImporterGrainOptions options, TimeProvider time) : Grain, IImporterGrain
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private ImporterStatistics? _statistics;
    private long _readAt;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _readAt = time.GetTimestamp();
        _statistics = await store.ReadAsync(Key, cancellationToken) ?? ImporterStatistics.Empty(Key);
    }

    public async Task<ImporterStatistics> GetStatisticsAsync()
    {
        // Reads run concurrently (never beside a recording): one refreshes, the others answer from the cache. Other
        // silos only add to the store, so the snapshot read is never behind what this cache holds.
        if (options.Refresh != Timeout.InfiniteTimeSpan && time.GetElapsedTime(_readAt) >= options.Refresh && _refreshing.Wait(0))
        {
            try
            {
                var readAt = time.GetTimestamp();
                if (await store.ReadAsync(Key) is { } fresh)
                {
                    _statistics = fresh;
                }
                _readAt = readAt;
            }
            finally
            {
                _refreshing.Release();
            }
        }
        return Statistics;
    }

    public async Task<ImporterStatistics> RecordAsync(ImporterDelta delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var next = Statistics.Apply(delta); // validates the delta before anything is written
        if (ReferenceEquals(next, Statistics))
        {
            // A stream entry already counted (replayed after a crash): nothing to write.
            return next;
        }
        await store.AppendAsync([delta]);
        // A shared store may have skipped the delta because another silo counted that stream offset first; the cache
        // applies it all the same, since either way the store now holds it exactly once.
        _statistics = next;
        return next;
    }

    private ImporterStatistics Statistics => _statistics ?? throw new InvalidOperationException("The importer grain is not activated.");
}
