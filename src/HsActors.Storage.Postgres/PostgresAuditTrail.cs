using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using HsActors.Abstractions.Audit;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace HsActors.Storage.Postgres;

/// <summary>
/// The audit trail in PostgreSQL, details as jsonb. <see cref="Append"/> queues; one writer inserts queued entries in
/// batches at least every <see cref="PostgresBackendOptions.AuditFlushInterval"/>, and at once when a durable entry
/// waits. <see cref="AppendDurableAsync"/> completes after the commit of the batch holding its entry, which holds
/// everything queued before it. An entry id already stored is skipped, so a retried decision is recorded once.
/// </summary>
public sealed class PostgresAuditTrail : IAuditTrail, IAsyncDisposable
{
    private const string Insert = """
        INSERT INTO audit_entries (id, kind, at, actor, subject, details)
        SELECT u.id, u.kind, u.at, u.actor, u.subject, u.details::jsonb
        FROM unnest(@ids, @kinds, @ats, @actors, @subjects, @details) WITH ORDINALITY AS u (id, kind, at, actor, subject, details, n)
        ORDER BY u.n
        ON CONFLICT (id) DO NOTHING
        """;

    private readonly PostgresDatabase _database;
    private readonly PostgresBackendOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<QueuedEntry> _queue = Channel.CreateUnbounded<QueuedEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly CancellationTokenSource _stopping = new();
    private int _queued;
    private long _dropped;

    public PostgresAuditTrail(PostgresDatabase database, PostgresBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _options = options ?? new PostgresBackendOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.AuditBatchSize, 1, nameof(PostgresBackendOptions.AuditBatchSize));
        _logger = database.LoggerFactory.CreateLogger<PostgresAuditTrail>();
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Buffered entries dropped because the buffer was full (the database was unreachable for long).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Append(AuditEntry entry)
    {
        Validate(entry);
        if (Interlocked.Increment(ref _queued) > _options.AuditBufferLimit)
        {
            Interlocked.Decrement(ref _queued);
            if (Interlocked.Increment(ref _dropped) % 10_000 == 1)
                _logger.LogError("The audit buffer is full ({Limit} entries); dropping entries, {Dropped} so far.", _options.AuditBufferLimit, Dropped);
            return;
        }
        if (!_queue.Writer.TryWrite(new QueuedEntry(entry, null)))
            throw new ObjectDisposedException(nameof(PostgresAuditTrail), "The audit trail is closed.");
    }

    public Task AppendDurableAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        Validate(entry);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(new QueuedEntry(entry, done)))
            throw new ObjectDisposedException(nameof(PostgresAuditTrail), "The audit trail is closed.");
        return done.Task.WaitAsync(cancellationToken);
    }

    public async IAsyncEnumerable<AuditEntry> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        var conditions = new List<string>();
        await using var command = _database.DataSource.CreateCommand();
        if (query.Kind is { } kind)
        {
            conditions.Add("kind = @kind");
            command.Parameters.AddWithValue("kind", kind.ToString());
        }
        if (query.Subject is { } subject)
        {
            conditions.Add("subject = @subject");
            command.Parameters.AddWithValue("subject", subject);
        }
        if (query.From is { } from)
        {
            conditions.Add("at >= @from");
            command.Parameters.AddWithValue("from", from.ToUniversalTime());
        }
        if (query.To is { } to)
        {
            conditions.Add("at <= @to");
            command.Parameters.AddWithValue("to", to.ToUniversalTime());
        }
        command.Parameters.AddWithValue("limit", query.Limit);
        command.CommandText = $"""
            SELECT id, kind, at, actor, subject, details::text FROM audit_entries
            {(conditions.Count > 0 ? "WHERE " + string.Join(" AND ", conditions) : "")}
            ORDER BY at, seq LIMIT @limit
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new AuditEntry(
                reader.GetString(0), Enum.Parse<AuditKind>(reader.GetString(1)), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5));
        }
    }

    /// <summary>Writes what is queued, then stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogError("The audit writer did not drain within 30 s at shutdown; {Count} entries are lost.", Volatile.Read(ref _queued));
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
    }

    private static void Validate(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.Id, nameof(entry));
        ArgumentNullException.ThrowIfNull(entry.Details, nameof(entry));
        try
        {
            // jsonb would reject the whole batch later; refusing here names the culprit to its caller.
            using var _ = JsonDocument.Parse(entry.Details);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Audit entry '{entry.Id}': Details is not valid JSON ({e.Message}).", nameof(entry), e);
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<QueuedEntry>(_options.AuditBatchSize);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Wait for the interval to fill a batch, unless someone waits on a durable entry or the batch is full.
            using (var interval = new CancellationTokenSource(_options.AuditFlushInterval))
            {
                try
                {
                    while (batch.Count < _options.AuditBatchSize)
                    {
                        if (reader.TryRead(out var queued))
                        {
                            batch.Add(queued);
                            if (queued.Done is not null)
                                break;
                        }
                        else if (!await reader.WaitToReadAsync(interval.Token).ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // The interval is over: write what we have.
                }
            }
            // Everything queued before a durable entry rides in its batch; take the rest that is already there too.
            while (batch.Count < _options.AuditBatchSize && reader.TryRead(out var more))
                batch.Add(more);
            await WriteBatchAsync(batch).ConfigureAwait(false);
            Interlocked.Add(ref _queued, -batch.Count);
            batch.Clear();
        }
    }

    /// <summary>Retries until written (buffered entries must not be lost to a short outage) or the trail is stopped.</summary>
    private async Task WriteBatchAsync(List<QueuedEntry> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _database.EnsureSchemaAsync(_stopping.Token).ConfigureAwait(false);
                await InsertAsync(batch, _stopping.Token).ConfigureAwait(false);
                batch.ForEach(e => e.Done?.TrySetResult());
                return;
            }
            catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal))
            {
                // A data error (e.g. a NUL character jsonb cannot hold) rolls back the whole batch: write entry by entry.
                _logger.LogError(e, "An audit batch of {Count} entries was refused ({SqlState}); writing them one by one.", batch.Count, e.SqlState);
                await InsertOneByOneAsync(batch).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (!_stopping.IsCancellationRequested)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * Math.Pow(2, Math.Min(attempt, 6))));
                _logger.LogWarning(e, "Writing {Count} audit entries failed (attempt {Attempt}); retrying in {Delay}.", batch.Count, attempt, delay);
                try
                {
                    await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            catch (Exception e)
            {
                batch.ForEach(q => q.Done?.TrySetException(e));
                return;
            }
        }
        var stopped = new ObjectDisposedException(nameof(PostgresAuditTrail), "The audit trail stopped before the entry was written.");
        batch.ForEach(q => q.Done?.TrySetException(stopped));
    }

    private async Task InsertOneByOneAsync(List<QueuedEntry> batch)
    {
        foreach (var queued in batch)
        {
            try
            {
                await InsertAsync([queued], _stopping.Token).ConfigureAwait(false);
                queued.Done?.TrySetResult();
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Audit entry {Id} ({Kind}) could not be written.", queued.Entry.Id, queued.Entry.Kind);
                queued.Done?.TrySetException(e);
            }
        }
    }

    private async Task InsertAsync(List<QueuedEntry> batch, CancellationToken cancellationToken)
    {
        await using var command = _database.DataSource.CreateCommand(Insert);
        command.Parameters.Add(PostgresParameters.Array("ids", NpgsqlDbType.Text, batch.Select(q => q.Entry.Id)));
        command.Parameters.Add(PostgresParameters.Array("kinds", NpgsqlDbType.Text, batch.Select(q => q.Entry.Kind.ToString())));
        command.Parameters.Add(PostgresParameters.Array("ats", NpgsqlDbType.TimestampTz, batch.Select(q => q.Entry.At.ToUniversalTime())));
        command.Parameters.Add(PostgresParameters.Array("actors", NpgsqlDbType.Text, batch.Select(q => q.Entry.Actor)));
        command.Parameters.Add(PostgresParameters.Array("subjects", NpgsqlDbType.Text, batch.Select(q => q.Entry.Subject)));
        command.Parameters.Add(PostgresParameters.Array("details", NpgsqlDbType.Text, batch.Select(q => q.Entry.Details)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed record QueuedEntry(AuditEntry Entry, TaskCompletionSource? Done);
}
