using System.Net;
using System.Threading.Channels;
using HsActors.Contracts;

namespace HsActors.Client;

/// <summary>
/// Coalesces concurrent single-line classify calls into batch requests. A collector takes queued lines until
/// <see cref="HsActorsClientOptions.MicroBatchSize"/> are gathered or <see cref="HsActorsClientOptions.MicroBatchDelay"/>
/// has passed since it picked up the first, sends them as one batch, and completes every caller with its own result.
/// A caller that cancels is dropped (or, once sent, just stops waiting) without touching the others; a line the
/// service rejects fails only its own caller, and the rest of its batch is sent again.
/// </summary>
internal sealed class ClassifyMicroBatcher : IAsyncDisposable, IDisposable
{
    private readonly Channel<PendingClassification> _queue = Channel.CreateUnbounded<PendingClassification>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly Func<IReadOnlyList<ClassifyRequest>, CancellationToken, Task<IReadOnlyList<ClassifyResponse>>> _sendBatch;
    private readonly int _maxBatchSize;
    private readonly TimeSpan _maxDelay;
    private readonly int _concurrency;
    private readonly SemaphoreSlim _batchSlots;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _collector;
    private int _disposed;

    /// <param name="options">Batch size, delay and concurrency (must be valid).</param>
    /// <param name="sendBatch">Sends one batch of at most <see cref="HsActorsClientOptions.MicroBatchSize"/> lines.</param>
    public ClassifyMicroBatcher(
        HsActorsClientOptions options,
        Func<IReadOnlyList<ClassifyRequest>, CancellationToken, Task<IReadOnlyList<ClassifyResponse>>> sendBatch)
    {
        options.EnsureValid();
        _sendBatch = sendBatch;
        _maxBatchSize = options.MicroBatchSize;
        _maxDelay = options.MicroBatchDelay;
        _concurrency = options.MicroBatchConcurrency;
        _batchSlots = new SemaphoreSlim(_concurrency, _concurrency);
        _collector = Task.Run(CollectAsync);
    }

    public Task<ClassifyResponse> ClassifyAsync(ClassifyRequest request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<ClassifyResponse>(cancellationToken);
        }

        var pending = new PendingClassification(request, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Fail(Disposed());
        }

        return pending.Task;
    }

    /// <summary>Stops taking lines, sends every line already queued and waits for all batches to be answered.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _collector.ConfigureAwait(false);
        for (var slot = 0; slot < _concurrency; slot++)
        {
            await _batchSlots.WaitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops at once: batches on the wire are cancelled and every waiting caller gets an <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _stopping.Cancel();
    }

    private async Task CollectAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                await _batchSlots.WaitAsync(_stopping.Token).ConfigureAwait(false);
                var batch = await GatherAsync(reader).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    _batchSlots.Release();
                    continue;
                }

                _ = SendAsync(batch);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Hard stop: what is still queued is failed below.
        }

        while (reader.TryRead(out var left))
        {
            left.Fail(Disposed());
        }
    }

    /// <summary>Lines for one batch: up to the size limit, waiting no longer than the delay for more to arrive.</summary>
    private async Task<List<PendingClassification>> GatherAsync(ChannelReader<PendingClassification> reader)
    {
        var batch = new List<PendingClassification>(Math.Min(_maxBatchSize, 64));
        CancellationTokenSource? deadline = null;
        try
        {
            while (true)
            {
                while (batch.Count < _maxBatchSize && reader.TryRead(out var pending))
                {
                    if (!pending.IsCompleted)
                    {
                        batch.Add(pending);
                    }
                }

                if (batch.Count >= _maxBatchSize || _maxDelay == TimeSpan.Zero)
                {
                    return batch;
                }

                if (deadline is null)
                {
                    deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                    deadline.CancelAfter(_maxDelay);
                }

                // Waiting without throwing: the deadline passing is the normal way a small batch ends.
                var more = reader.WaitToReadAsync(deadline.Token).AsTask();
                await ((Task)more).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (!more.IsCompletedSuccessfully || !more.Result)
                {
                    return batch;
                }
            }
        }
        finally
        {
            deadline?.Dispose();
        }
    }

    private async Task SendAsync(List<PendingClassification> batch)
    {
        try
        {
            var live = batch;
            while (true)
            {
                live = live.FindAll(static pending => !pending.IsCompleted);
                if (live.Count == 0)
                {
                    return;
                }

                var lines = new ClassifyRequest[live.Count];
                for (var i = 0; i < lines.Length; i++)
                {
                    lines[i] = live[i].Request;
                }

                try
                {
                    var results = await _sendBatch(lines, _stopping.Token).ConfigureAwait(false);
                    for (var i = 0; i < live.Count; i++)
                    {
                        live[i].Succeed(results[i]);
                    }

                    return;
                }
                catch (HsActorsApiException rejected) when (rejected.StatusCode == HttpStatusCode.BadRequest)
                {
                    var byLine = BatchLineErrors.SplitByLine(rejected, live.Count);
                    if (byLine.Count == 0)
                    {
                        FailAll(live, rejected);
                        return;
                    }

                    // Only the lines at fault fail; the loop sends the others again.
                    foreach (var (index, lineError) in byLine)
                    {
                        live[index].Fail(lineError);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            FailAll(batch, Disposed());
        }
        catch (Exception failure)
        {
            FailAll(batch, failure);
        }
        finally
        {
            _batchSlots.Release();
        }
    }

    private static void FailAll(List<PendingClassification> batch, Exception failure)
    {
        foreach (var pending in batch)
        {
            pending.Fail(failure);
        }
    }

    private static ObjectDisposedException Disposed() =>
        new(nameof(HsActorsClient), "The HsActors client's micro-batcher was disposed before this line was answered.");
}
