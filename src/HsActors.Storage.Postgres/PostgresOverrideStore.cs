using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using HsActors.Abstractions.Overrides;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HsActors.Storage.Postgres;

/// <summary>
/// The override table in PostgreSQL with the whole table mirrored in memory, so <see cref="FindAsync"/> never leaves
/// the process. The mirror stays fresh across silos through LISTEN/NOTIFY: an upsert sends, in its own transaction
/// (so only on commit), a notification naming the row; every silo's listener re-reads that row. When the listening
/// connection is lost, the listener reconnects, LISTENs again and then re-reads the whole table, so a notification
/// missed while disconnected is never missed for good. The mirror only ever moves to newer decisions, whatever the
/// order in which rows arrive.
/// </summary>
public sealed class PostgresOverrideStore : IOverrideStore, IAsyncDisposable
{
    public const string Channel = "hsactors_overrides";

    /// <summary>PostgreSQL refuses payloads of 8000 bytes or more; longer keys notify "reload everything".</summary>
    private const int MaxPayloadBytes = 7_900;

    private const string FullReload = "*";

    private const string Upsert = """
        INSERT INTO officer_overrides AS o (normalized_description, importer_id, code, assessment_id, officer_id, assessed_at)
        VALUES (@description, @importer_id, @code, @assessment_id, @officer_id, @assessed_at)
        ON CONFLICT (normalized_description, importer_id) DO UPDATE SET
            code = excluded.code, assessment_id = excluded.assessment_id, officer_id = excluded.officer_id, assessed_at = excluded.assessed_at
        WHERE (o.assessed_at, o.assessment_id) < (excluded.assessed_at, excluded.assessment_id)
        """;

    private const string Columns = "normalized_description, importer_id, code, assessment_id, officer_id, assessed_at";

    private readonly PostgresDatabase _database;
    private readonly PostgresBackendOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string Description, string Importer), OfficerOverride> _mirror = new();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startGate = new();
    private Task? _listener;

    public PostgresOverrideStore(PostgresDatabase database, PostgresBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _options = options ?? new PostgresBackendOptions();
        _logger = database.LoggerFactory.CreateLogger<PostgresOverrideStore>();
    }

    /// <summary>Notifications and reloads applied so far (lets tests wait for the listener without sleeping).</summary>
    public long RowsRefreshed => Interlocked.Read(ref _rowsRefreshed);

    private long _rowsRefreshed;

    /// <summary>Starts the listener (once) and completes when the mirror holds the whole table.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_startGate)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            _listener ??= Task.Run(ListenLoopAsync);
        }
        return _loaded.Task.WaitAsync(cancellationToken);
    }

    public ValueTask<OfficerOverride?> FindAsync(string normalizedDescription, string? importerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(normalizedDescription);
        return _loaded.Task.IsCompletedSuccessfully
            ? ValueTask.FromResult(Find(normalizedDescription, importerId))
            : FindAfterLoadAsync(normalizedDescription, importerId, cancellationToken);
    }

    public async Task UpsertAsync(OfficerOverride entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.NormalizedDescription, nameof(entry));
        ArgumentException.ThrowIfNullOrEmpty(entry.Code, nameof(entry));
        ArgumentException.ThrowIfNullOrEmpty(entry.AssessmentId, nameof(entry));
        var stored = entry with { ImporterId = NullIfEmpty(entry.ImporterId), AssessedAt = PostgresTime.ToStored(entry.AssessedAt) };
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);

        await using (var connection = await _database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(new NpgsqlBatchCommand(Upsert)
            {
                Parameters =
                {
                    new NpgsqlParameter("description", stored.NormalizedDescription),
                    new NpgsqlParameter("importer_id", stored.ImporterId ?? ""),
                    new NpgsqlParameter("code", stored.Code),
                    new NpgsqlParameter("assessment_id", stored.AssessmentId),
                    new NpgsqlParameter("officer_id", stored.OfficerId),
                    new NpgsqlParameter("assessed_at", stored.AssessedAt),
                },
            });
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify(@channel, @payload)")
            {
                Parameters = { new NpgsqlParameter("channel", Channel), new NpgsqlParameter("payload", PayloadOf(stored)) },
            });
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        // Read-your-writes in this silo without waiting for the notification to come back.
        Apply(stored);
    }

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.DataSource.CreateCommand("SELECT count(*) FROM officer_overrides");
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async ValueTask DisposeAsync()
    {
        // Idempotent: the container disposes this instance once per interface it is registered under.
        Task? listener;
        lock (_startGate)
        {
            _stopping.Cancel();
            listener = _listener;
        }
        if (listener is not null)
            await listener.ConfigureAwait(false);
        _loaded.TrySetCanceled();
    }

    private async ValueTask<OfficerOverride?> FindAfterLoadAsync(string normalizedDescription, string? importerId, CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        return Find(normalizedDescription, importerId);
    }

    private OfficerOverride? Find(string normalizedDescription, string? importerId) =>
        (NullIfEmpty(importerId) is { } importer && _mirror.TryGetValue((normalizedDescription, importer), out var own) ? own : null)
        ?? _mirror.GetValueOrDefault((normalizedDescription, ""));

    /// <summary>Newest decision wins; equal instants go to the larger assessment id, as in the table's WHERE clause.</summary>
    private void Apply(OfficerOverride entry)
    {
        var key = (entry.NormalizedDescription, entry.ImporterId ?? "");
        _mirror.AddOrUpdate(key, entry, (_, current) => IsNewer(entry, current) ? entry : current);
        Interlocked.Increment(ref _rowsRefreshed);
    }

    private static bool IsNewer(OfficerOverride candidate, OfficerOverride current)
    {
        var order = candidate.AssessedAt.CompareTo(current.AssessedAt);
        return order > 0 || (order == 0 && string.CompareOrdinal(candidate.AssessmentId, current.AssessmentId) >= 0);
    }

    private async Task ListenLoopAsync()
    {
        var token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await _database.EnsureSchemaAsync(token).ConfigureAwait(false);
                await using var connection = await _database.DataSource.OpenConnectionAsync(token).ConfigureAwait(false);
                var notified = new List<string>();
                connection.Notification += (_, e) => notified.Add(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                // After LISTEN, so a commit between the reload's snapshot and now still arrives as a notification.
                await ReloadAsync(connection, null, token).ConfigureAwait(false);
                _loaded.TrySetResult();
                while (!token.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(_options.ListenerKeepAlive, token).ConfigureAwait(false))
                    {
                        // Quiet for a while: prove the connection still lives (a dead one throws and we reconnect).
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(token).ConfigureAwait(false);
                    }
                    while (notified.Count > 0)
                    {
                        var payloads = notified.ToArray();
                        notified.Clear();
                        // Re-reading on this connection may raise further notifications into the list; the loop takes them next.
                        await ReloadAsync(connection, payloads.Contains(FullReload) ? null : payloads.Select(KeyOf).ToArray(), token).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "The override listener lost its PostgreSQL connection; reconnecting in {Delay}.", _options.ListenerReconnectDelay);
                try
                {
                    await Task.Delay(_options.ListenerReconnectDelay, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <param name="keys">The rows to re-read, or null for the whole table.</param>
    private async Task ReloadAsync(NpgsqlConnection connection, (string Description, string Importer)[]? keys, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand { Connection = connection };
        if (keys is null)
        {
            command.CommandText = $"SELECT {Columns} FROM officer_overrides";
        }
        else
        {
            command.CommandText = $"""
                SELECT {Columns} FROM officer_overrides
                WHERE (normalized_description, importer_id) IN (SELECT * FROM unnest(@descriptions::text[], @importers::text[]))
                """;
            command.Parameters.AddWithValue("descriptions", keys.Select(k => k.Description).ToArray());
            command.Parameters.AddWithValue("importers", keys.Select(k => k.Importer).ToArray());
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            Apply(new OfficerOverride(
                reader.GetString(0), NullIfEmpty(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<DateTimeOffset>(5)));
        }
    }

    private static string PayloadOf(OfficerOverride entry)
    {
        var payload = JsonSerializer.Serialize(new[] { entry.NormalizedDescription, entry.ImporterId ?? "" }, PostgresJsonContext.Default.StringArray);
        return Encoding.UTF8.GetByteCount(payload) < MaxPayloadBytes ? payload : FullReload;
    }

    private static (string Description, string Importer) KeyOf(string payload)
    {
        var key = JsonSerializer.Deserialize(payload, PostgresJsonContext.Default.StringArray);
        return key is [var description, var importer] ? (description, importer) : throw new FormatException($"Unexpected override notification '{payload}'.");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
