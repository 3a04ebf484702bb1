using HsActors.Abstractions.Streaming;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace HsActors.Streaming.Orleans;

/// <summary>
/// Reads the durable assessment log for Orleans' pulling agent, which runs on one silo of the cluster at a time (Orleans
/// moves it when that silo leaves or dies). Exactly-once counting rests on three things:
/// <list type="number">
/// <item>No loss: the checkpoint (the offset after the last entry every consumer has been handed) is saved only when
/// Orleans reports entries delivered, so a new agent resumes at an entry not yet confirmed. Delivery is retried without a
/// time limit (see <see cref="AssessmentStreamProvider"/>), so nothing is skipped on the way.</item>
/// <item>Duplicates in the log: a cluster log can hold one assessment twice (a publish whose confirm was lost is sent
/// again). The receiver remembers the ids of a window of recent entries, refilled on start by reading the window before
/// the checkpoint, and hands a second copy to no one.</item>
/// <item>Replays: entries between the checkpoint and a crash are delivered again; the consumers apply an entry keyed
/// by its offset or its assessment id, so a replay changes nothing.</item>
/// </list>
/// </summary>
public sealed class AssessmentQueueReceiver(
    IAssessmentStream log, IStreamOffsetStore checkpoints, string checkpointName, StreamId streamId, int dedupWindow, ILogger logger)
    : IQueueAdapterReceiver
{
    private readonly RecentAssessmentIds _recent = new(dedupWindow);
    private CancellationTokenSource _reading = new();
    private IAsyncEnumerator<StreamEntry>? _entries;
    private Task<bool>? _pending;
    private long _next;
    private long _checkpoint;

    public async Task Initialize(TimeSpan timeout)
    {
        _checkpoint = await checkpoints.LoadAsync(checkpointName).ConfigureAwait(false) ?? 0;
        _next = Math.Max(0, _checkpoint - dedupWindow);
        logger.LogInformation("Assessment queue {Checkpoint} resumes at offset {Offset}.", checkpointName, _checkpoint);
    }

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var batches = new List<IBatchContainer>();
        try
        {
            _entries ??= log.ReadAsync(_next, _reading.Token).GetAsyncEnumerator(_reading.Token);
            while (batches.Count < maxCount)
            {
                _pending ??= _entries.MoveNextAsync().AsTask();
                if (!_pending.IsCompleted)
                {
                    break; // caught up: the agent asks again on its next tick
                }
                var more = await _pending.ConfigureAwait(false);
                _pending = null;
                if (!more)
                {
                    break;
                }
                var entry = _entries.Current;
                _next = entry.Offset + 1;
                // Entries before the checkpoint were delivered before; they only refill the window.
                if (_recent.Add(entry.Record.AssessmentId) && entry.Offset >= _checkpoint)
                {
                    batches.Add(AssessmentBatch.Of(streamId, entry));
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The log is unreachable (a broker restarting): read again from where this stopped on the next tick.
            logger.LogWarning(e, "Reading the assessment log at offset {Offset} failed; retrying.", _next);
            await ResetReaderAsync().ConfigureAwait(false);
        }
        return batches;
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var delivered = messages.OfType<AssessmentBatch>().Select(m => m.Offset + 1).DefaultIfEmpty(0).Max();
        if (delivered > _checkpoint)
        {
            await checkpoints.SaveAsync(checkpointName, delivered, cancellationToken).ConfigureAwait(false);
            _checkpoint = delivered;
        }
    }

    public Task Shutdown(TimeSpan timeout) => ResetReaderAsync();

    [Obsolete("Orleans calls the overload with a cancellation token.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    [Obsolete("Orleans calls the overload with a cancellation token.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    private async Task ResetReaderAsync()
    {
        await _reading.CancelAsync().ConfigureAwait(false);
        if (_pending is not null)
        {
            await _pending.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                .ConfigureAwait(false);
            _pending = null;
        }
        if (_entries is not null)
        {
            await _entries.DisposeAsync().ConfigureAwait(false);
            _entries = null;
        }
        _reading.Dispose();
        _reading = new CancellationTokenSource();
    }
}
