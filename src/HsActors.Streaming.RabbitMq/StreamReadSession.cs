using System.Text;
using System.Threading.Channels;
using HsActors.Abstractions.Streaming;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace HsActors.Streaming.RabbitMq;

/// <summary>
/// One subscription to the stream queue on its own channel, from a given offset. It ends (NextAsync returns null)
/// when the channel or connection is lost; the reader then opens a new session from the offset after the last
/// entry it yielded.
/// </summary>
internal sealed class StreamReadSession : IAsyncDisposable
{
    private const string OffsetArgument = "x-stream-offset";
    private readonly IChannel _channel;
    private readonly Channel<StreamDelivery> _entries;
    private readonly string _streamName;

    private StreamReadSession(IChannel channel, string streamName, int capacity)
    {
        _channel = channel;
        _streamName = streamName;
        // Bounded: while the reader is slow, the delivery callback waits here, so at most the buffer plus the
        // prefetch window is held in memory.
        _entries = Channel.CreateBounded<StreamDelivery>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
    }

    public static async Task<StreamReadSession> StartAsync(IConnection connection, string streamName, long fromOffset, ushort prefetch,
        CancellationToken cancellationToken)
    {
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var session = new StreamReadSession(channel, streamName, prefetch);
        try
        {
            channel.ChannelShutdownAsync += (_, _) =>
            {
                session._entries.Writer.TryComplete();
                return Task.CompletedTask;
            };
            // Stream queues refuse consumers without a prefetch limit: it is their flow control.
            await channel.BasicQosAsync(0, prefetch, false, cancellationToken).ConfigureAwait(false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += session.OnReceivedAsync;
            // This class never cancels its consumer (it closes the channel), so a cancellation comes from the broker,
            // typically because the stream queue was deleted: resubscribing cannot help.
            consumer.UnregisteredAsync += (_, _) =>
            {
                session._entries.Writer.TryComplete(new InvalidOperationException(
                    $"The broker cancelled the subscription to stream '{streamName}'; was the queue deleted?"));
                return Task.CompletedTask;
            };
            var arguments = new Dictionary<string, object?> { [OffsetArgument] = fromOffset };
            await channel.BasicConsumeAsync(streamName, autoAck: false, consumerTag: "", noLocal: false, exclusive: false,
                arguments, consumer, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <returns>The next delivery, or null when the subscription was lost.</returns>
    public async ValueTask<StreamDelivery?> NextAsync(CancellationToken cancellationToken)
    {
        while (await _entries.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_entries.Reader.TryRead(out var entry))
                return entry;
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _entries.Writer.TryComplete();
        try
        {
            await _channel.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or OperationCanceledException or IOException)
        {
            // The connection is gone already; there is nothing left to close.
        }
        _channel.Dispose();
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        StreamDelivery entry;
        try
        {
            var offset = ReadOffset(delivery);
            // The body is only valid during this callback; decoding copies what it needs.
            entry = new StreamDelivery(new StreamEntry(offset, AssessmentRecordCodec.Decode(delivery.Body.Span)), ReadAppendToken(delivery));
        }
        catch (InvalidDataException e)
        {
            _entries.Writer.TryComplete(new InvalidDataException(
                $"Stream '{_streamName}' holds an unreadable message (delivery {delivery.DeliveryTag}): {e.Message}", e));
            return;
        }
        try
        {
            await _entries.Writer.WriteAsync(entry).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return;
        }
        try
        {
            // A stream never deletes on ack; the ack only returns prefetch credit so the broker sends more.
            await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
        }
        catch (RabbitMQ.Client.Exceptions.AlreadyClosedException)
        {
            // The session is being lost; the reader resubscribes after the last entry it handed out.
        }
    }

    private static string? ReadAppendToken(BasicDeliverEventArgs delivery) =>
        delivery.BasicProperties.Headers?.TryGetValue(StreamDelivery.AppendTokenHeader, out var value) == true && value is byte[] bytes
            ? Encoding.UTF8.GetString(bytes)
            : null;

    private long ReadOffset(BasicDeliverEventArgs delivery)
    {
        var headers = delivery.BasicProperties.Headers;
        if (headers is null || !headers.TryGetValue(OffsetArgument, out var value) || value is null)
            throw new InvalidDataException($"delivery from '{_streamName}' has no {OffsetArgument} header; is it a stream queue?");
        return value switch
        {
            long l => l,
            int i => i,
            _ => throw new InvalidDataException($"{OffsetArgument} header has unexpected type {value.GetType().Name}"),
        };
    }
}
