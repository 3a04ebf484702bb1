using System.Runtime.CompilerServices;
using HsActors.Abstractions.Streaming;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace HsActors.Streaming.RabbitMq;

/// <summary>
/// Cluster-mode assessment stream: a RabbitMQ stream queue (durable, replicated, replayable by offset) used over
/// AMQP 0.9.1. Appends are published with publisher confirms, so an append returns only after the broker has
/// written the message; the offset it returns is the one the broker assigned.
/// </summary>
/// <remarks>
/// Idempotency. A confirm carries no offset, so the stream keeps an index reader that follows the queue from its
/// first message and maps AssessmentId to the offset where it first appeared (rebuilt on open, like the local log's
/// index). An append first looks the id up there; a new id is published with a unique append token header, and the
/// append completes when the index sees the message carrying its token: its result is the id's first offset, marked
/// duplicate if that is not the token's own message. This cannot keep the stream itself free of duplicates: when the
/// connection drops after the broker stored a message but before the confirm arrived, the publisher cannot tell and
/// publishes again; two stream instances may race on one id; and an id confirmed by another instance moments before
/// this one opened may not be indexed yet. The stream then holds the id twice; appends still answer with the first
/// offset, and the Orleans queue receiver drops the second copy by AssessmentId.
/// </remarks>
public sealed class RabbitMqAssessmentStream : IAssessmentStream
{
    // How long the broker's message count may lag behind confirmed publishes (measured ~100 ms on one node).
    private static readonly TimeSpan MessageCountSettleTime = TimeSpan.FromMilliseconds(300);

    private readonly RabbitMqStreamOptions _options;
    private readonly IConnection _connection;
    private readonly SemaphoreSlim _publisherGate = new(1, 1);
    private IChannel _publisher;
    private readonly CancellationTokenSource _disposing = new();
    private readonly Lock _indexGate = new();
    private readonly Dictionary<string, long> _offsetById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskCompletionSource<StreamAppendResult>> _awaitingToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<StreamAppendResult>> _inFlightById = new(StringComparer.Ordinal);
    private long _indexedMessages;
    private long _catchUpTarget;
    private TaskCompletionSource? _caughtUp;
    private Exception? _indexFault;
    private Task _indexTask = Task.CompletedTask;
    private int _disposed;

    private RabbitMqAssessmentStream(RabbitMqStreamOptions options, IConnection connection, IChannel publisher)
    {
        _options = options;
        _connection = connection;
        _publisher = publisher;
    }

    /// <summary>
    /// Connects, declares the stream queue (creating it if needed) and waits until the id index has read the
    /// messages already in it, so that a duplicate append right after a restart is recognised without a write.
    /// </summary>
    public static async Task<RabbitMqAssessmentStream> OpenAsync(RabbitMqStreamOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var connection = await options.Endpoint.ConnectAsync($"hsactors-assessments-{options.StreamName}", cancellationToken).ConfigureAwait(false);
        RabbitMqAssessmentStream? stream = null;
        try
        {
            var publisher = await CreatePublisherAsync(connection, cancellationToken).ConfigureAwait(false);
            var arguments = new Dictionary<string, object?>
            {
                ["x-queue-type"] = "stream",
                ["x-max-length-bytes"] = options.MaxLengthBytes,
            };
            QueueDeclareOk declared;
            try
            {
                declared = await publisher.QueueDeclareAsync(options.StreamName, durable: true, exclusive: false, autoDelete: false,
                    arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (OperationInterruptedException e)
            {
                throw new InvalidOperationException(
                    $"Queue '{options.StreamName}' cannot be declared as a stream ({e.Message}); does a queue of another type or with other arguments already have that name?", e);
            }

            stream = new RabbitMqAssessmentStream(options, connection, publisher);
            stream._indexTask = stream.FollowIndexAsync();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.OpenTimeout);
            try
            {
                await stream.CatchUpAsync(declared.MessageCount, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"Reading stream '{options.StreamName}' ({declared.MessageCount} messages) to rebuild its id index took longer than {options.OpenTimeout}.");
            }
            return stream;
        }
        catch
        {
            if (stream is not null)
                await stream.DisposeAsync().ConfigureAwait(false);
            else
                await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public string StreamName => _options.StreamName;

    /// <summary>The channel appends are published on (tests close it to check that appends recover).</summary>
    internal IChannel Publisher => Volatile.Read(ref _publisher);

    public async ValueTask<StreamAppendResult> AppendAsync(AssessmentRecord record, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var body = AssessmentRecordCodec.Encode(record);
        var id = record.AssessmentId;
        var token = Guid.NewGuid().ToString("N");

        TaskCompletionSource<StreamAppendResult> indexed;
        Task<StreamAppendResult>? sameIdInFlight;
        lock (_indexGate)
        {
            if (_indexFault is not null)
                throw new InvalidOperationException($"The id index of stream '{_options.StreamName}' failed; reopen the stream.", _indexFault);
            if (_offsetById.TryGetValue(id, out var existing))
                return new StreamAppendResult(existing, Duplicate: true);
            // Another caller is appending the same id right now: share its outcome instead of publishing twice.
            if (!_inFlightById.TryGetValue(id, out sameIdInFlight))
            {
                indexed = new TaskCompletionSource<StreamAppendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                _awaitingToken.Add(token, indexed);
                _inFlightById.Add(id, indexed.Task);
            }
            else
            {
                indexed = null!;
            }
        }
        if (sameIdInFlight is not null)
        {
            var first = await WaitForIndexAsync(id, sameIdInFlight, cancellationToken).ConfigureAwait(false);
            return first with { Duplicate = true };
        }

        try
        {
            await PublishConfirmedAsync(token, id, body, indexed.Task, cancellationToken).ConfigureAwait(false);
            return await WaitForIndexAsync(id, indexed.Task, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsTransientPublishFailure(e))
        {
            var unavailable = Unavailable(id, e);
            indexed.TrySetException(unavailable);
            throw unavailable;
        }
        catch (Exception e)
        {
            indexed.TrySetException(e);
            throw;
        }
        finally
        {
            lock (_indexGate)
            {
                _awaitingToken.Remove(token);
                _inFlightById.Remove(id);
            }
        }
    }

    public async IAsyncEnumerable<StreamEntry> ReadAsync(long fromOffset, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var delivery in ReadDeliveriesAsync(fromOffset, cancellationToken).ConfigureAwait(false))
            yield return delivery.Entry;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _disposing.CancelAsync().ConfigureAwait(false);
        await _indexTask.ConfigureAwait(false);
        lock (_indexGate)
        {
            foreach (var waiting in _awaitingToken.Values)
                waiting.TrySetException(new ObjectDisposedException(nameof(RabbitMqAssessmentStream)));
            _awaitingToken.Clear();
        }
        try
        {
            await _connection.CloseAsync().ConfigureAwait(false);
        }
        catch (AlreadyClosedException)
        {
            // Nothing to close.
        }
        _publisher.Dispose();
        _connection.Dispose();
        _disposing.Dispose();
        _publisherGate.Dispose();
    }

    private async Task PublishConfirmedAsync(string token, string id, byte[] body, Task<StreamAppendResult> indexed,
        CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            MessageId = id,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?> { [StreamDelivery.AppendTokenHeader] = token },
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // With confirmation tracking on, this completes when the broker confirmed the write, and throws
                // PublishException when it nacked or returned the message.
                var publisher = await OpenPublisherAsync(cancellationToken).ConfigureAwait(false);
                await publisher.BasicPublishAsync(exchange: "", routingKey: _options.StreamName, mandatory: true, properties, body,
                    cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (attempt < _options.PublishAttempts && IsTransientPublishFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                // The confirm may be lost while the message was stored: if the index saw it, we are done; otherwise
                // publish again with the same token (a possible second copy, which consumers drop by AssessmentId).
                if (indexed.IsCompletedSuccessfully)
                    return;
                await Task.Delay(_options.Endpoint.ReconnectDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static Task<IChannel> CreatePublisherAsync(IConnection connection, CancellationToken cancellationToken) =>
        connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);

    // The client re-opens channels only when it recovers their connection. A channel the broker closed on a live
    // connection (a channel-level error) stays closed, so without this every later append would fail until restart.
    private async ValueTask<IChannel> OpenPublisherAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _publisher);
        if (current.IsOpen || !_connection.IsOpen)
            return current;
        await _publisherGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_publisher.IsOpen || !_connection.IsOpen)
                return _publisher;
            var closed = _publisher;
            Volatile.Write(ref _publisher, await CreatePublisherAsync(_connection, cancellationToken).ConfigureAwait(false));
            closed.Dispose();
            return _publisher;
        }
        finally
        {
            _publisherGate.Release();
        }
    }

    private AssessmentStreamUnavailableException Unavailable(string id, Exception cause) => new(
        $"Stream '{_options.StreamName}' could not confirm assessment '{id}' ({cause.Message}); it was not acknowledged, retry it.",
        _options.Endpoint.ReconnectDelay, cause);

    // A refused publish (nacked or returned) is retried too: the broker refuses them for a moment while the stream
    // queue restarts. A queue that is really gone also fails the index reader, which then fails every append.
    private bool IsTransientPublishFailure(Exception e) => e is PublishException || IsConnectionFailure(e) || IsQueueRecovering(e);

    // After a restart the connection can be back before the stream queue is: until the queue's process is up, the
    // broker refuses it with 404 "home node ... of durable queue ... is down or inaccessible". A deleted queue is a
    // 404 "no queue ...", which no retry can mend.
    private static bool IsQueueRecovering(Exception e) =>
        e is OperationInterruptedException { ShutdownReason: { ReplyCode: 404 } reason }
        && reason.ReplyText.Contains("down or inaccessible", StringComparison.Ordinal);

    // Worth retrying only while the connection is down (automatic recovery brings it back). A channel error on a
    // live connection, such as the stream queue having been deleted, is reported instead of retried forever.
    private bool IsConnectionFailure(Exception e) =>
        e is AlreadyClosedException or IOException || (e is OperationInterruptedException or PublishException && !_connection.IsOpen);

    private async Task<StreamAppendResult> WaitForIndexAsync(string id, Task<StreamAppendResult> indexed, CancellationToken cancellationToken)
    {
        try
        {
            return await indexed.WaitAsync(_options.AppendTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing was acknowledged; a retry with the same id is safe (it is deduplicated by the index).
            throw Unavailable(id, new TimeoutException(
                $"Assessment '{id}' was published to stream '{_options.StreamName}' but not read back within {_options.AppendTimeout}.", e));
        }
    }

    // The broker's message count trails confirmed publishes slightly, so after reaching it, wait a moment and ask
    // again; done once a fresh count adds nothing the index has not read.
    private async Task CatchUpAsync(long target, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task reached;
            lock (_indexGate)
            {
                if (_indexFault is not null)
                    throw new InvalidOperationException($"The id index of stream '{_options.StreamName}' failed while opening.", _indexFault);
                _catchUpTarget = target;
                _caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_indexedMessages >= target)
                    _caughtUp.TrySetResult();
                reached = _caughtUp.Task;
            }
            await reached.WaitAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(MessageCountSettleTime, cancellationToken).ConfigureAwait(false);
            var publisher = await OpenPublisherAsync(cancellationToken).ConfigureAwait(false);
            var now = (await publisher.QueueDeclarePassiveAsync(_options.StreamName, cancellationToken).ConfigureAwait(false)).MessageCount;
            lock (_indexGate)
            {
                if (now <= _indexedMessages)
                    return;
            }
            target = now;
        }
    }

    // Follows the stream from its start for the life of this instance: the first occurrence of an id becomes the
    // id's offset, and the message carrying an append's token completes that append.
    private async Task FollowIndexAsync()
    {
        await Task.Yield();
        try
        {
            await foreach (var (entry, token) in ReadDeliveriesAsync(0, _disposing.Token).ConfigureAwait(false))
            {
                lock (_indexGate)
                {
                    var id = entry.Record.AssessmentId;
                    if (!_offsetById.TryGetValue(id, out var first))
                    {
                        first = entry.Offset;
                        _offsetById.Add(id, first);
                    }
                    if (token is not null && _awaitingToken.Remove(token, out var waiting))
                        waiting.TrySetResult(new StreamAppendResult(first, Duplicate: first != entry.Offset));
                    if (++_indexedMessages >= _catchUpTarget)
                        _caughtUp?.TrySetResult();
                }
            }
        }
        catch (Exception) when (_disposing.IsCancellationRequested)
        {
            // Disposal ends the index; whatever the reader threw while its channel closed does not matter.
        }
        catch (Exception e)
        {
            // Without the index no append can learn its offset: fail loudly rather than let appends time out.
            lock (_indexGate)
            {
                _indexFault = e;
                foreach (var waiting in _awaitingToken.Values)
                    waiting.TrySetException(e);
                _awaitingToken.Clear();
                _caughtUp?.TrySetException(e);
            }
        }
    }

    private async IAsyncEnumerable<StreamDelivery> ReadDeliveriesAsync(long fromOffset, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromOffset);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        var token = linked.Token;
        var next = fromOffset;
        while (true)
        {
            await using var session = await StartSessionAsync(next, token).ConfigureAwait(false);
            while (await session.NextAsync(token).ConfigureAwait(false) is { } delivery)
            {
                // The broker starts delivery at the beginning of the chunk holding the requested offset, so a
                // (re)subscription can hand out entries before it: those were yielded already or not asked for.
                if (delivery.Entry.Offset < next)
                    continue;
                next = delivery.Entry.Offset + 1;
                yield return delivery;
            }
            // The channel or connection was lost: resubscribe from the entry after the last one yielded.
        }
    }

    private async Task<StreamReadSession> StartSessionAsync(long fromOffset, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await StreamReadSession.StartAsync(_connection, _options.StreamName, fromOffset, _options.Prefetch, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when ((IsConnectionFailure(e) || IsQueueRecovering(e)) && !cancellationToken.IsCancellationRequested)
            {
                // The connection or the queue is recovering; automatic recovery re-opens the connection in the background.
                await Task.Delay(_options.Endpoint.ReconnectDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
