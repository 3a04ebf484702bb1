using HsActors.Silo.Hosting;

namespace HsActors.Silo.Api;

/// <summary>
/// Bounds the batch requests a silo ranks at once (<see cref="RequestLimits.MaxConcurrentBatches"/>), taken before the
/// body is read, so a crowd of maximum batches can neither hold its bodies in memory at once nor take every core from
/// the single lines hubs send beside them. A batch that does not get its turn within the wait is refused with 503.
/// </summary>
internal sealed class BatchAdmission(RequestLimits limits) : IDisposable
{
    private readonly SemaphoreSlim _turns = new(Math.Max(1, limits.MaxConcurrentBatches));
    private readonly BatchMemoryRelease _memory = new();

    public TimeSpan Wait => limits.BatchAdmissionWait;

    /// <returns>The turn, to dispose when the batch is answered; null when none came free within the wait.</returns>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _turns.WaitAsync(limits.BatchAdmissionWait, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        _memory.BatchStarted();
        return new Turn(this);
    }

    public void Dispose()
    {
        _turns.Dispose();
        _memory.Dispose();
    }

    private sealed class Turn(BatchAdmission admission) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                admission._memory.BatchEnded();
                admission._turns.Release();
            }
        }
    }
}
