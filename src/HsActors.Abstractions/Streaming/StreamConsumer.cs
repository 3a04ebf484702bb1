namespace HsActors.Abstractions.Streaming;

/// <summary>
/// A named consumer of the assessment stream that resumes where it stopped: it reads from the saved offset, hands
/// each assessment to a processing callback and saves the next offset after the callback returned.
/// </summary>
/// <remarks>
/// How "every assessment is counted exactly once" holds:
/// <list type="number">
/// <item>No loss: the offset is saved only after the callback for every entry below it returned, so a crash at any
/// point restarts from an entry that was not yet acknowledged as processed.</item>
/// <item>Duplicates in the stream: a cluster stream can hold the same AssessmentId twice (a publish whose confirm was
/// lost is retried). The consumer keeps the ids of a sliding window of recent entries — refilled on start by
/// re-reading <see cref="StreamConsumerOptions.DedupWindow"/> entries before the resume offset, without calling the
/// callback — and never hands a second copy of an id to the callback. Retries land within seconds of the original,
/// far inside the window.</item>
/// <item>The crash window: if the process dies after the callback and before the offset save, the entries since
/// the last save are handed over again after the restart. The callback therefore applies an assessment keyed by its
/// AssessmentId (a retrainer's training set maps AssessmentId to the assessed code, so replaying an entry rewrites
/// the same value), or it commits its own state together with the offset in one atomic write and resumes from that.
/// Either way a replayed entry changes nothing, which together with 1 and 2 gives exactly-once counting.</item>
/// </list>
/// </remarks>
public sealed class StreamConsumer
{
    private readonly IAssessmentStream _stream;
    private readonly IStreamOffsetStore _offsets;
    private readonly StreamConsumerOptions _options;
    private readonly HashSet<string> _recentIds = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentOrder = new();

    public StreamConsumer(IAssessmentStream stream, IStreamOffsetStore offsets, string name, StreamConsumerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _options = options ?? new StreamConsumerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.CommitEvery, 1, nameof(StreamConsumerOptions.CommitEvery));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.DedupWindow, nameof(StreamConsumerOptions.DedupWindow));
        ArgumentOutOfRangeException.ThrowIfNegative(_options.InitialOffset, nameof(StreamConsumerOptions.InitialOffset));
        _stream = stream;
        _offsets = offsets;
        Name = name;
    }

    public string Name { get; }

    /// <summary>The offset after the last entry processed in this run (what the next save writes).</summary>
    public long NextOffset { get; private set; }

    /// <summary>Entries dropped because their AssessmentId was already processed.</summary>
    public long DuplicatesSkipped { get; private set; }

    /// <summary>
    /// Processes entries until <paramref name="cancellationToken"/> is cancelled or <paramref name="process"/> throws;
    /// in both cases the offset of what was processed is saved before the exception propagates.
    /// </summary>
    public async Task RunAsync(Func<StreamEntry, CancellationToken, ValueTask> process, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        var resumeAt = await _offsets.LoadAsync(Name, cancellationToken).ConfigureAwait(false) ?? _options.InitialOffset;
        NextOffset = resumeAt;
        var committed = resumeAt;
        var readFrom = Math.Max(0, resumeAt - _options.DedupWindow);

        // The read gets its own cancellation so that a read still waiting for entries can be ended when the loop
        // stops for another reason (a failing save or callback) before the enumerator is disposed.
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var entries = _stream.ReadAsync(readFrom, stopReading.Token).GetAsyncEnumerator(stopReading.Token);
        Task<bool>? waiting = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var next = entries.MoveNextAsync();
                bool more;
                if (next.IsCompleted)
                {
                    more = await next.ConfigureAwait(false);
                }
                else
                {
                    waiting = next.AsTask();
                    if (NextOffset > committed)
                    {
                        // Nothing buffered: the consumer has caught up, a good moment to make its progress durable.
                        await _offsets.SaveAsync(Name, NextOffset, cancellationToken).ConfigureAwait(false);
                        committed = NextOffset;
                    }
                    more = await waiting.ConfigureAwait(false);
                    waiting = null;
                }
                if (!more)
                    break;

                var entry = entries.Current;
                if (entry.Offset < resumeAt)
                {
                    Remember(entry.Record.AssessmentId);
                    continue;
                }
                if (!Remember(entry.Record.AssessmentId))
                    DuplicatesSkipped++;
                else
                    await process(entry, cancellationToken).ConfigureAwait(false);

                NextOffset = entry.Offset + 1;
                if (NextOffset - committed >= _options.CommitEvery)
                {
                    await _offsets.SaveAsync(Name, NextOffset, cancellationToken).ConfigureAwait(false);
                    committed = NextOffset;
                }
            }
        }
        finally
        {
            if (waiting is not null)
            {
                await stopReading.CancelAsync().ConfigureAwait(false);
                // An entry it may still return is not processed, and its offset is not saved: nothing is lost.
                await waiting.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default).ConfigureAwait(false);
            }
            await entries.DisposeAsync().ConfigureAwait(false);
            if (NextOffset > committed)
                await _offsets.SaveAsync(Name, NextOffset, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <returns>False when the id is already in the window.</returns>
    private bool Remember(string assessmentId)
    {
        if (!_recentIds.Add(assessmentId))
            return false;
        _recentOrder.Enqueue(assessmentId);
        // The window must hold at least the entries being processed now, hence the lower bound of one.
        while (_recentOrder.Count > Math.Max(1, _options.DedupWindow))
            _recentIds.Remove(_recentOrder.Dequeue());
        return true;
    }
}
