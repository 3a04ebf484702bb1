using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace HsActors.Streaming.RabbitMq;

/// <summary>
/// Decides which silo retrains one HS chapter: a durable queue per chapter with single-active-consumer on. Every
/// candidate subscribes; the broker delivers only to one of them (the owner) and, when the owner's channel or
/// connection goes away, hands the queue to the next subscriber. Retraining requests for the chapter are published
/// to this queue, so exactly one silo at a time acts on them.
/// </summary>
public sealed class ChapterOwnershipQueue
{
    /// <summary>The router model's key: retrained like a chapter, so owned like one.</summary>
    public const string RouterKey = "router";

    private readonly IConnection _connection;

    public ChapterOwnershipQueue(IConnection connection, string chapter, string queuePrefix = "hsactors.retrain.chapter.",
        string queueType = "quorum")
    {
        ArgumentNullException.ThrowIfNull(connection);
        CheckKey(chapter);
        ArgumentNullException.ThrowIfNull(queuePrefix);
        if (queueType is not ("quorum" or "classic"))
            throw new ArgumentException($"Queue type '{queueType}' must be \"quorum\" or \"classic\".", nameof(queueType));
        _connection = connection;
        Chapter = chapter;
        QueueName = queuePrefix + chapter;
        QueueType = queueType;
    }

    public string Chapter { get; }

    /// <summary>Throws unless <paramref name="chapter"/> is two digits or <see cref="RouterKey"/>.</summary>
    public static void CheckKey(string chapter)
    {
        if (chapter != RouterKey && (chapter is not { Length: 2 } || !chapter.All(char.IsAsciiDigit)))
            throw new ArgumentException($"HS chapter '{chapter}' must be exactly two digits, such as \"87\", or \"{RouterKey}\".", nameof(chapter));
    }
    public string QueueName { get; }
    public string QueueType { get; }

    /// <summary>Creates the queue if it does not exist (idempotent).</summary>
    public async Task DeclareAsync(CancellationToken cancellationToken = default)
    {
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var arguments = new Dictionary<string, object?>
        {
            ["x-queue-type"] = QueueType,
            ["x-single-active-consumer"] = true,
        };
        await channel.QueueDeclareAsync(QueueName, durable: true, exclusive: false, autoDelete: false, arguments,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes a retraining request for the chapter and waits for the broker's confirm.</summary>
    public async Task PublishAsync(ReadOnlyMemory<byte> request, CancellationToken cancellationToken = default)
    {
        await using var channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken).ConfigureAwait(false);
        var properties = new BasicProperties { DeliveryMode = DeliveryModes.Persistent };
        await channel.BasicPublishAsync(exchange: "", routingKey: QueueName, mandatory: true, properties, request, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Becomes a candidate owner: <paramref name="handle"/> is called only while this subscription is the active
    /// consumer. A request is acknowledged after the handler returned; if the owner dies first, the next owner gets
    /// it again. Disposing the subscription gives up ownership.
    /// </summary>
    public async Task<IAsyncDisposable> SubscribeAsync(Func<ReadOnlyMemory<byte>, CancellationToken, Task> handle,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await channel.BasicQosAsync(0, 1, false, cancellationToken).ConfigureAwait(false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (_, delivery) =>
            {
                await handle(delivery.Body, delivery.CancellationToken).ConfigureAwait(false);
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
            };
            await channel.BasicConsumeAsync(QueueName, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
            return channel;
        }
        catch
        {
            await channel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
