using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace HsActors.Streaming.RabbitMq;

/// <summary>
/// One silo's standing candidacy for one key: a consumer on the key's single-active-consumer queue, kept subscribed
/// across lost channels and broker restarts. It owns the key while it holds a token delivery unacknowledged on a
/// channel that is still open.
/// </summary>
/// <remarks>
/// Every (re)subscription publishes one token, so a token exists once anyone competes; the active consumer keeps
/// the first it receives and acknowledges (drops) any surplus (prefetch 2 leaves room for one surplus next to the
/// held token). A held token is never acknowledged except when swapped for a fresh one, so it is never lost: it
/// goes back to the queue only with its holder's channel, and then to the next active consumer.
/// </remarks>
internal sealed class ChapterCandidacy : IAsyncDisposable
{
    private static readonly ReadOnlyMemory<byte> Token = "ownership-token"u8.ToArray();

    private readonly string _key;
    private readonly Func<CancellationToken, Task<IConnection>> _connect;
    private readonly ChapterOwnershipOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping;
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private IChannel? _channel;
    private AsyncEventingBasicConsumer? _consumer;
    private ulong? _token;
    private bool _renewing;
    private Task _running = Task.CompletedTask;

    private ChapterCandidacy(string key, Func<CancellationToken, Task<IConnection>> connect, ChapterOwnershipOptions options, ILogger logger,
        CancellationToken stopping)
    {
        _key = key;
        _connect = connect;
        _options = options;
        _logger = logger;
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    public bool IsOwner
    {
        get
        {
            lock (_gate)
            {
                return _token is not null && _channel is { IsOpen: true } && _consumer is { IsRunning: true };
            }
        }
    }

    public static ChapterCandidacy Start(string key, Func<CancellationToken, Task<IConnection>> connect, ChapterOwnershipOptions options,
        ILogger logger, CancellationToken stopping)
    {
        var candidacy = new ChapterCandidacy(key, connect, options, logger, stopping);
        candidacy._running = Task.Run(() => candidacy.RunAsync(candidacy._stopping.Token), CancellationToken.None);
        return candidacy;
    }

    public Task SubscribedAsync(CancellationToken cancellationToken) => _subscribed.Task.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            IChannel? channel = null;
            try
            {
                var connection = await _connect(cancellationToken).ConfigureAwait(false);
                var queue = new ChapterOwnershipQueue(connection, _key, _options.QueuePrefix, _options.QueueType);
                await queue.DeclareAsync(cancellationToken).ConfigureAwait(false);
                channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                await SubscribeAndHoldAsync(queue, channel, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Competing for the retraining of {Key} failed; subscribing again in {Delay}.", _key, _options.RetryDelay);
            }
            finally
            {
                Lose(channel);
                if (channel is not null)
                    await CloseAsync(channel).ConfigureAwait(false);
            }
            try
            {
                await Task.Delay(_options.RetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Returns when the subscription is gone (channel closed, consumer cancelled by the broker) or on cancellation.
    private async Task SubscribeAndHoldAsync(ChapterOwnershipQueue queue, IChannel channel, CancellationToken cancellationToken)
    {
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.ChannelShutdownAsync += (_, _) => Signal(lost);
        await channel.BasicQosAsync(0, 2, false, cancellationToken).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => OnDeliveryAsync(channel, delivery.DeliveryTag);
        consumer.UnregisteredAsync += (_, _) => Signal(lost);
        consumer.ShutdownAsync += (_, _) => Signal(lost);
        lock (_gate)
        {
            _channel = channel;
            _consumer = consumer;
        }
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
        await queue.PublishAsync(Token, cancellationToken).ConfigureAwait(false);
        _subscribed.TrySetResult();

        var renewAt = DateTimeOffset.UtcNow + _options.TokenRenewal;
        var tick = _options.TokenRenewal < TimeSpan.FromSeconds(1) ? _options.TokenRenewal : TimeSpan.FromSeconds(1);
        while (true)
        {
            // The events say at once when the subscription is gone; the tick also catches one whose event was missed.
            await Task.WhenAny(lost.Task, Task.Delay(tick, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (lost.Task.IsCompleted || !channel.IsOpen || !consumer.IsRunning)
                return;
            if (DateTimeOffset.UtcNow >= renewAt)
            {
                await RenewAsync(queue, cancellationToken).ConfigureAwait(false);
                renewAt = DateTimeOffset.UtcNow + _options.TokenRenewal;
            }
        }
    }

    private Task Signal(TaskCompletionSource lost)
    {
        lost.TrySetResult();
        return Task.CompletedTask;
    }

    private async Task OnDeliveryAsync(IChannel channel, ulong deliveryTag)
    {
        ulong? acknowledge;
        var becameOwner = false;
        lock (_gate)
        {
            if (!ReferenceEquals(channel, _channel))
                return; // a late delivery on a subscription being closed: closing returns it to the queue
            if (_token is null)
            {
                _token = deliveryTag;
                acknowledge = null;
                becameOwner = true;
            }
            else if (_renewing)
            {
                acknowledge = _token;
                _token = deliveryTag;
                _renewing = false;
            }
            else
            {
                acknowledge = deliveryTag; // a surplus token
            }
        }
        if (becameOwner)
            _logger.LogInformation("This silo now owns the retraining of {Key}.", _key);
        if (acknowledge is { } tag)
            await channel.BasicAckAsync(tag, multiple: false).ConfigureAwait(false);
    }

    // Publishes a fresh token; the next delivery replaces the held one, which is acknowledged only then, so the
    // owner holds a token throughout. Ownership does not move: this consumer is the active one and receives it.
    private async Task RenewAsync(ChapterOwnershipQueue queue, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_token is null || _renewing)
                return;
            _renewing = true;
        }
        await queue.PublishAsync(Token, cancellationToken).ConfigureAwait(false);
    }

    private void Lose(IChannel? channel)
    {
        bool wasOwner;
        lock (_gate)
        {
            if (channel is null || !ReferenceEquals(channel, _channel))
                return;
            wasOwner = _token is not null;
            _token = null;
            _renewing = false;
            _channel = null;
            _consumer = null;
        }
        if (wasOwner)
            _logger.LogInformation("This silo no longer owns the retraining of {Key}.", _key);
    }

    private async Task CloseAsync(IChannel channel)
    {
        try
        {
            if (channel.IsOpen)
                await channel.CloseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogDebug(e, "Closing the ownership channel of {Key} failed; it is gone anyway.", _key);
        }
        await channel.DisposeAsync().ConfigureAwait(false);
    }
}
