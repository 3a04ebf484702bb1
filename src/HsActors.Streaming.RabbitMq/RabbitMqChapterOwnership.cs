using System.Collections.Concurrent;
using HsActors.Abstractions.Retraining;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RabbitMQ.Client;

namespace HsActors.Streaming.RabbitMq;

/// <summary>
/// Cluster-wide chapter ownership arbitrated by RabbitMQ alone: one <see cref="ChapterOwnershipQueue"/> (durable,
/// single-active-consumer) per key, a <see cref="ChapterCandidacy"/> per key and silo subscribed to it, and a token
/// message circulating in the queue. The silo whose consumer holds the token unacknowledged owns the key.
/// </summary>
/// <remarks>
/// AMQP 0.9.1 tells a single-active-consumer subscriber nothing when it becomes active; only deliveries show it.
/// Holding the token turns "the broker delivers to me" into a lasting, exclusive fact: the broker hands an
/// unacknowledged message to one consumer at a time and requeues it only when that consumer's channel or connection
/// is gone, and then it goes to the next active consumer. Candidacies are started lazily, on the first
/// <see cref="Owns"/> question for a key, because the keys are the chapters that appear in the assessment stream.
/// </remarks>
public sealed class RabbitMqChapterOwnership : IChapterOwnership, IAsyncDisposable
{
    private readonly RabbitMqEndpoint _endpoint;
    private readonly ChapterOwnershipOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ChapterCandidacy> _candidacies = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _disposing = new();
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IConnection? _connection;

    public RabbitMqChapterOwnership(RabbitMqEndpoint endpoint, ChapterOwnershipOptions? options = null, ILogger<RabbitMqChapterOwnership>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _options = options ?? new ChapterOwnershipOptions();
        _options.Validate();
        _logger = logger ?? NullLogger<RabbitMqChapterOwnership>.Instance;
    }

    /// <summary>False once disposed: a silo shutting down owns nothing (its tokens are on their way to other silos).</summary>
    public bool Owns(string key) => !_disposing.IsCancellationRequested && Candidacy(key).IsOwner;

    /// <summary>Starts competing for <paramref name="key"/> (if not yet) and waits until its subscription stands.</summary>
    public Task CompeteAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
        return Candidacy(key).SubscribedAsync(cancellationToken);
    }

    /// <summary>The keys this silo owns now.</summary>
    public IReadOnlyList<string> OwnedKeys() =>
        [.. _candidacies.Where(c => c.Value.IsOwner).Select(c => c.Key).Order(StringComparer.Ordinal)];

    /// <summary>Gives up every key: the tokens go back to their queues and on to the other silos' consumers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested)
            return;
        await _disposing.CancelAsync().ConfigureAwait(false);
        foreach (var candidacy in _candidacies.Values)
            await candidacy.DisposeAsync().ConfigureAwait(false);
        if (_connection is { } connection)
            await connection.DisposeAsync().ConfigureAwait(false);
    }

    private ChapterCandidacy Candidacy(string key)
    {
        if (_candidacies.TryGetValue(key, out var existing))
            return existing;
        ChapterOwnershipQueue.CheckKey(key);
        lock (_candidacies)
        {
            return _candidacies.GetOrAdd(key, k => ChapterCandidacy.Start(k, ConnectionAsync, _options, _logger, _disposing.Token));
        }
    }

    // One auto-recovering connection for every candidacy, opened on first need; a failed attempt is retried by the next.
    private async Task<IConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } open)
            return open;
        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _connection ??= await _endpoint.ConnectAsync(
                _options.ConnectionName ?? $"hsactors-ownership-{Environment.MachineName}-{Environment.ProcessId}", cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connecting.Release();
        }
    }
}
