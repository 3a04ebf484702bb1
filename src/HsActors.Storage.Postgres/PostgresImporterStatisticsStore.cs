using System.Threading.Channels;
using HsActors.Abstractions.Statistics;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace HsActors.Storage.Postgres;

/// <summary>
/// Importer statistics shared by every silo. Appends are write-behind: one writer drains every append pending at that
/// moment (after a short <see cref="PostgresBackendOptions.StatisticsWriteWindow"/>), sums them per row and writes
/// them in one transaction of additive upserts (<c>n = t.n + excluded.n</c>), so deltas written through different silos
/// add up exactly whatever the interleaving. An append completes only after its transaction committed.
/// </summary>
public sealed class PostgresImporterStatisticsStore : IOffsetCommittingStatisticsStore, IAsyncDisposable
{
    private const string UpsertTotals = """
        INSERT INTO importer_totals AS t (importer_id, declarations, assessments, corrections, first_seen, last_seen)
        SELECT u.importer_id, u.declarations, u.assessments, u.corrections, u.first_seen, u.last_seen
        FROM unnest(@importer_ids, @declarations, @assessments, @corrections, @first_seen, @last_seen) WITH ORDINALITY
            AS u (importer_id, declarations, assessments, corrections, first_seen, last_seen, n)
        ORDER BY u.n
        ON CONFLICT (importer_id) DO UPDATE SET
            declarations = t.declarations + excluded.declarations,
            assessments = t.assessments + excluded.assessments,
            corrections = t.corrections + excluded.corrections,
            first_seen = LEAST(t.first_seen, excluded.first_seen),
            last_seen = GREATEST(t.last_seen, excluded.last_seen)
        """;

    private const string UpsertTallies = """
        INSERT INTO importer_tallies AS t (importer_id, kind, key, count, last_seen)
        SELECT u.importer_id, u.kind, u.key, u.count, u.last_seen
        FROM unnest(@importer_ids, @kinds, @keys, @counts, @last_seen) WITH ORDINALITY AS u (importer_id, kind, key, count, last_seen, n)
        ORDER BY u.n
        ON CONFLICT (importer_id, kind, key) DO UPDATE SET
            count = t.count + excluded.count,
            last_seen = GREATEST(t.last_seen, excluded.last_seen)
        """;

    // One statement, hence one snapshot: totals and tallies are never read from different commits.
    private const string SelectImporter = """
        SELECT 't', '', declarations, assessments, corrections, first_seen, last_seen FROM importer_totals WHERE importer_id = @importer_id
        UNION ALL
        SELECT kind, key, count, 0, 0, last_seen, last_seen FROM importer_tallies WHERE importer_id = @importer_id
        """;

    private const int MaxDeadlockRetries = 5;

    private readonly PostgresDatabase _database;
    private readonly PostgresBackendOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<PendingAppend> _pending = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public PostgresImporterStatisticsStore(PostgresDatabase database, PostgresBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _options = options ?? new PostgresBackendOptions();
        _logger = database.LoggerFactory.CreateLogger<PostgresImporterStatisticsStore>();
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Transactions committed so far (for tests and metrics: fewer than appends means batching worked).</summary>
    public long TransactionsCommitted => Interlocked.Read(ref _transactionsCommitted);

    private long _transactionsCommitted;

    public async ValueTask<ImporterStatistics?> ReadAsync(string importerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(importerId);
        await _database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _database.DataSource.CreateCommand(SelectImporter);
        command.Parameters.AddWithValue("importer_id", importerId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        ImporterStatistics? statistics = null;
        var tallies = new Dictionary<string, Dictionary<string, KeyTally>>(StringComparer.Ordinal)
        {
            [ImporterStatisticsBatch.CodeKind] = new(StringComparer.Ordinal),
            [ImporterStatisticsBatch.ChapterKind] = new(StringComparer.Ordinal),
            [ImporterStatisticsBatch.AgentKind] = new(StringComparer.Ordinal),
            [ImporterStatisticsBatch.OriginKind] = new(StringComparer.Ordinal),
        };
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var kind = reader.GetString(0);
            if (kind == "t")
            {
                statistics = new ImporterStatistics
                {
                    ImporterId = importerId,
                    Declarations = reader.GetInt64(2),
                    Assessments = reader.GetInt64(3),
                    Corrections = reader.GetInt64(4),
                    FirstSeen = reader.GetFieldValue<DateTimeOffset>(5),
                    LastSeen = reader.GetFieldValue<DateTimeOffset>(6),
                };
            }
            else
            {
                tallies[kind][reader.GetString(1)] = new KeyTally(reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(6));
            }
        }
        return statistics is null ? null : statistics with
        {
            Codes = tallies[ImporterStatisticsBatch.CodeKind],
            Chapters = tallies[ImporterStatisticsBatch.ChapterKind],
            Agents = tallies[ImporterStatisticsBatch.AgentKind],
            OriginCountries = tallies[ImporterStatisticsBatch.OriginKind],
        };
    }

    public Task AppendAsync(IReadOnlyList<ImporterDelta> deltas, CancellationToken cancellationToken = default) =>
        EnqueueAsync(deltas, null, cancellationToken);

    public Task AppendAsync(IReadOnlyList<ImporterDelta> deltas, ConsumerOffset offset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(offset);
        ArgumentException.ThrowIfNullOrEmpty(offset.Consumer, nameof(offset));
        ArgumentOutOfRangeException.ThrowIfNegative(offset.NextOffset, nameof(offset));
        return EnqueueAsync(deltas, offset, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private Task EnqueueAsync(IReadOnlyList<ImporterDelta> deltas, ConsumerOffset? offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        foreach (var delta in deltas)
        {
            ArgumentNullException.ThrowIfNull(delta, nameof(deltas));
            ArgumentException.ThrowIfNullOrEmpty(delta.ImporterId, nameof(deltas));
        }
        if (deltas.Count == 0 && offset is null)
            return Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.Writer.TryWrite(new PendingAppend(deltas, offset, done)))
            throw new ObjectDisposedException(nameof(PostgresImporterStatisticsStore), "The importer statistics store is closed.");
        // A cancelled caller stops waiting; its deltas may still be committed, exactly like a lost acknowledgement.
        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingAppend>();
        while (await _pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (_options.StatisticsWriteWindow > TimeSpan.Zero)
                await Task.Delay(_options.StatisticsWriteWindow).ConfigureAwait(false);
            batch.Clear();
            while (_pending.Reader.TryRead(out var pending))
                batch.Add(pending);
            try
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
            catch (PostgresException e) when (batch.Count > 1 && e.SqlState.StartsWith("22", StringComparison.Ordinal))
            {
                // A data error (say a NUL character in a key) rolled the shared transaction back: commit each append on
                // its own so that only the append carrying the bad value fails.
                _logger.LogWarning("A batch of {Count} importer statistics appends was refused ({SqlState}); committing them one by one.", batch.Count, e.SqlState);
                foreach (var pending in batch)
                {
                    try
                    {
                        await CommitAsync([pending]).ConfigureAwait(false);
                    }
                    catch (Exception single)
                    {
                        Fail([pending], single);
                    }
                }
            }
            catch (Exception e)
            {
                Fail(batch, e);
            }
        }
    }

    private async Task CommitAsync(IReadOnlyList<PendingAppend> appends)
    {
        await _database.EnsureSchemaAsync().ConfigureAwait(false);
        var rows = new ImporterStatisticsBatch();
        foreach (var pending in appends)
        {
            foreach (var delta in pending.Deltas)
                rows.Add(delta);
            if (pending.Offset is { } offset)
                rows.Add(offset);
        }
        await CommitWithRetryAsync(rows).ConfigureAwait(false);
        Interlocked.Increment(ref _transactionsCommitted);
        foreach (var pending in appends)
            pending.Done.TrySetResult();
    }

    private void Fail(IReadOnlyList<PendingAppend> appends, Exception error)
    {
        _logger.LogError(error, "Writing {Count} importer statistics appends failed; their callers get the error.", appends.Count);
        foreach (var pending in appends)
            pending.Done.TrySetException(error);
    }

    private async Task CommitWithRetryAsync(ImporterStatisticsBatch rows)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteRowsAsync(rows).ConfigureAwait(false);
                return;
            }
            // Only errors that guarantee a rollback are retried: retrying after a lost commit acknowledgement could count twice.
            catch (PostgresException e) when (attempt < MaxDeadlockRetries && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                _logger.LogWarning("Importer statistics transaction rolled back ({SqlState}); retrying.", e.SqlState);
            }
        }
    }

    private async Task WriteRowsAsync(ImporterStatisticsBatch rows)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (rows.TotalsCount > 0)
        {
            var totals = rows.Totals.ToArray();
            var command = new NpgsqlBatchCommand(UpsertTotals);
            command.Parameters.Add(PostgresParameters.Array("importer_ids", NpgsqlDbType.Text, totals.Select(r => r.Key)));
            command.Parameters.Add(PostgresParameters.Array("declarations", NpgsqlDbType.Bigint, totals.Select(r => r.Value.Declarations)));
            command.Parameters.Add(PostgresParameters.Array("assessments", NpgsqlDbType.Bigint, totals.Select(r => r.Value.Assessments)));
            command.Parameters.Add(PostgresParameters.Array("corrections", NpgsqlDbType.Bigint, totals.Select(r => r.Value.Corrections)));
            command.Parameters.Add(PostgresParameters.Array("first_seen", NpgsqlDbType.TimestampTz, totals.Select(r => r.Value.FirstSeen)));
            command.Parameters.Add(PostgresParameters.Array("last_seen", NpgsqlDbType.TimestampTz, totals.Select(r => r.Value.LastSeen)));
            batch.BatchCommands.Add(command);
        }
        if (rows.TalliesCount > 0)
        {
            var tallies = rows.Tallies.ToArray();
            var command = new NpgsqlBatchCommand(UpsertTallies);
            command.Parameters.Add(PostgresParameters.Array("importer_ids", NpgsqlDbType.Text, tallies.Select(r => r.Key.Importer)));
            command.Parameters.Add(PostgresParameters.Array("kinds", NpgsqlDbType.Text, tallies.Select(r => r.Key.Kind)));
            command.Parameters.Add(PostgresParameters.Array("keys", NpgsqlDbType.Text, tallies.Select(r => r.Key.Key)));
            command.Parameters.Add(PostgresParameters.Array("counts", NpgsqlDbType.Bigint, tallies.Select(r => r.Value.Count)));
            command.Parameters.Add(PostgresParameters.Array("last_seen", NpgsqlDbType.TimestampTz, tallies.Select(r => r.Value.LastSeen)));
            batch.BatchCommands.Add(command);
        }
        foreach (var (consumer, nextOffset) in rows.Offsets)
            batch.BatchCommands.Add(PostgresStreamOffsetStore.CreateSaveCommand(consumer, nextOffset));
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
    }

    private sealed record PendingAppend(IReadOnlyList<ImporterDelta> Deltas, ConsumerOffset? Offset, TaskCompletionSource Done);
}
