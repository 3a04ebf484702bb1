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
/// <remarks>
/// Exactly-once assessment counting. Every silo may consume the shared assessment stream and append the same
/// offset-carrying deltas (<see cref="ImporterDelta.StreamOffset"/>). The transaction first locks the row of every
/// importer it touches (creating missing rows), reads each importer's stored mark
/// (<see cref="ImporterStatistics.AssessmentStreamOffset"/>), keeps only the deltas whose offset is above it (in
/// offset order, so two deltas of one importer in a batch are judged against each other too), and writes the counts
/// and the new mark before it commits and unlocks. A second silo appending the same offset waits for the lock, then
/// finds the mark at or above it and skips the delta. Deltas without an offset (declarations) are always added.
/// </remarks>
public sealed class PostgresImporterStatisticsStore : IImporterStatisticsStore, IAsyncDisposable
{
    // Placeholder rows exist only inside the transaction that creates them: an importer whose row is new has no mark,
    // so at least one of its deltas is applied and the totals upsert overwrites the infinities (LEAST/GREATEST).
    private const string InsertMissingImporters = """
        INSERT INTO importer_totals (importer_id, declarations, assessments, corrections, first_seen, last_seen)
        SELECT u.importer_id, 0, 0, 0, 'infinity', '-infinity'
        FROM unnest(@importer_ids) WITH ORDINALITY AS u (importer_id, n)
        ORDER BY u.n
        ON CONFLICT (importer_id) DO NOTHING
        """;

    // The row locks serialise silos appending for the same importer until commit; ORDER BY makes every silo take them
    // in the same order.
    private const string LockImporters = """
        SELECT importer_id, assessment_stream_offset FROM importer_totals
        WHERE importer_id = ANY(@importer_ids)
        ORDER BY importer_id
        FOR UPDATE
        """;

    private const string UpsertTotals = """
        INSERT INTO importer_totals AS t (importer_id, declarations, assessments, corrections, first_seen, last_seen, assessment_stream_offset)
        SELECT u.importer_id, u.declarations, u.assessments, u.corrections, u.first_seen, u.last_seen, u.stream_offset
        FROM unnest(@importer_ids, @declarations, @assessments, @corrections, @first_seen, @last_seen, @stream_offsets) WITH ORDINALITY
            AS u (importer_id, declarations, assessments, corrections, first_seen, last_seen, stream_offset, n)
        ORDER BY u.n
        ON CONFLICT (importer_id) DO UPDATE SET
            declarations = t.declarations + excluded.declarations,
            assessments = t.assessments + excluded.assessments,
            corrections = t.corrections + excluded.corrections,
            first_seen = LEAST(t.first_seen, excluded.first_seen),
            last_seen = GREATEST(t.last_seen, excluded.last_seen),
            assessment_stream_offset = GREATEST(t.assessment_stream_offset, excluded.assessment_stream_offset)
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
        SELECT 't', '', declarations, assessments, corrections, first_seen, last_seen, assessment_stream_offset
        FROM importer_totals WHERE importer_id = @importer_id
        UNION ALL
        SELECT kind, key, count, 0, 0, last_seen, last_seen, NULL FROM importer_tallies WHERE importer_id = @importer_id
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

    /// <summary>Deltas not added because their stream offset was already counted (by this silo or another).</summary>
    public long DeltasSkipped => Interlocked.Read(ref _deltasSkipped);

    private long _transactionsCommitted;
    private long _deltasSkipped;

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
                    AssessmentStreamOffset = reader.IsDBNull(7) ? null : reader.GetInt64(7),
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

    /// <remarks>A delta whose <see cref="ImporterDelta.StreamOffset"/> was already counted is skipped, and the append still succeeds.</remarks>
    public Task AppendAsync(IReadOnlyList<ImporterDelta> deltas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        foreach (var delta in deltas)
        {
            ArgumentNullException.ThrowIfNull(delta, nameof(deltas));
            ArgumentException.ThrowIfNullOrEmpty(delta.ImporterId, nameof(deltas));
            if (delta.StreamOffset is < 0)
                throw new ArgumentOutOfRangeException(nameof(deltas), delta.StreamOffset, "A stream offset cannot be negative.");
        }
        if (deltas.Count == 0)
            return Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.Writer.TryWrite(new PendingAppend(deltas, done)))
            throw new ObjectDisposedException(nameof(PostgresImporterStatisticsStore), "The importer statistics store is closed.");
        // A cancelled caller stops waiting; its deltas may still be committed, exactly like a lost acknowledgement.
        return done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
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
        var skipped = await CommitWithRetryAsync([.. appends.SelectMany(p => p.Deltas)]).ConfigureAwait(false);
        Interlocked.Increment(ref _transactionsCommitted);
        Interlocked.Add(ref _deltasSkipped, skipped);
        foreach (var pending in appends)
            pending.Done.TrySetResult();
    }

    private void Fail(IReadOnlyList<PendingAppend> appends, Exception error)
    {
        _logger.LogError(error, "Writing {Count} importer statistics appends failed; their callers get the error.", appends.Count);
        foreach (var pending in appends)
            pending.Done.TrySetException(error);
    }

    /// <returns>How many deltas were skipped as already counted.</returns>
    private async Task<int> CommitWithRetryAsync(IReadOnlyList<ImporterDelta> deltas)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteDeltasAsync(deltas).ConfigureAwait(false);
            }
            // Only errors that guarantee a rollback are retried: retrying after a lost commit acknowledgement could count twice.
            catch (PostgresException e) when (attempt < MaxDeadlockRetries && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                _logger.LogWarning("Importer statistics transaction rolled back ({SqlState}); retrying.", e.SqlState);
            }
        }
    }

    private async Task<int> WriteDeltasAsync(IReadOnlyList<ImporterDelta> deltas)
    {
        await using var connection = await _database.DataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var applied = deltas;
        if (deltas.Any(d => d.StreamOffset is not null))
        {
            // Every importer of the batch is locked here, not only those with offsets: rows locked later by the upserts
            // would break the one global lock order.
            var marks = await LockImportersAsync(connection, transaction, deltas).ConfigureAwait(false);
            applied = Unapplied(deltas, marks);
        }
        var rows = new ImporterStatisticsBatch();
        foreach (var delta in applied)
            rows.Add(delta);
        if (rows.TotalsCount > 0)
            await WriteRowsAsync(connection, transaction, rows).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        return deltas.Count - applied.Count;
    }

    private static async Task<Dictionary<string, long?>> LockImportersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ImporterDelta> deltas)
    {
        var importers = deltas.Select(d => d.ImporterId).Distinct().Order(StringComparer.Ordinal).ToArray();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(InsertMissingImporters) { Parameters = { PostgresParameters.Array("importer_ids", NpgsqlDbType.Text, importers) } },
                new NpgsqlBatchCommand(LockImporters) { Parameters = { PostgresParameters.Array("importer_ids", NpgsqlDbType.Text, importers) } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        var marks = new Dictionary<string, long?>(StringComparer.Ordinal);
        while (await reader.ReadAsync().ConfigureAwait(false))
            marks[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        return marks;
    }

    /// <summary>
    /// The deltas to add under the locked marks: all without an offset, and per importer those whose offset is above
    /// the mark and above every offset applied before it in this batch, taken in offset order.
    /// </summary>
    internal static IReadOnlyList<ImporterDelta> Unapplied(IReadOnlyList<ImporterDelta> deltas, IReadOnlyDictionary<string, long?> marks)
    {
        var applied = new List<ImporterDelta>(deltas.Count);
        var highest = new Dictionary<string, long?>(marks, StringComparer.Ordinal);
        foreach (var delta in deltas.OrderBy(d => d.StreamOffset ?? -1)) // a stable sort: appends keep their order otherwise
        {
            if (delta.StreamOffset is not { } offset)
            {
                applied.Add(delta);
                continue;
            }
            if (highest.GetValueOrDefault(delta.ImporterId) is { } mark && offset <= mark)
                continue;
            highest[delta.ImporterId] = offset;
            applied.Add(delta);
        }
        return applied;
    }

    private static async Task WriteRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ImporterStatisticsBatch rows)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var totals = rows.Totals.ToArray();
        var command = new NpgsqlBatchCommand(UpsertTotals);
        command.Parameters.Add(PostgresParameters.Array("importer_ids", NpgsqlDbType.Text, totals.Select(r => r.Key)));
        command.Parameters.Add(PostgresParameters.Array("declarations", NpgsqlDbType.Bigint, totals.Select(r => r.Value.Declarations)));
        command.Parameters.Add(PostgresParameters.Array("assessments", NpgsqlDbType.Bigint, totals.Select(r => r.Value.Assessments)));
        command.Parameters.Add(PostgresParameters.Array("corrections", NpgsqlDbType.Bigint, totals.Select(r => r.Value.Corrections)));
        command.Parameters.Add(PostgresParameters.Array("first_seen", NpgsqlDbType.TimestampTz, totals.Select(r => r.Value.FirstSeen)));
        command.Parameters.Add(PostgresParameters.Array("last_seen", NpgsqlDbType.TimestampTz, totals.Select(r => r.Value.LastSeen)));
        command.Parameters.Add(PostgresParameters.Array("stream_offsets", NpgsqlDbType.Bigint, totals.Select(r => r.Value.AssessmentStreamOffset)));
        batch.BatchCommands.Add(command);
        if (rows.TalliesCount > 0)
        {
            var tallies = rows.Tallies.ToArray();
            var tally = new NpgsqlBatchCommand(UpsertTallies);
            tally.Parameters.Add(PostgresParameters.Array("importer_ids", NpgsqlDbType.Text, tallies.Select(r => r.Key.Importer)));
            tally.Parameters.Add(PostgresParameters.Array("kinds", NpgsqlDbType.Text, tallies.Select(r => r.Key.Kind)));
            tally.Parameters.Add(PostgresParameters.Array("keys", NpgsqlDbType.Text, tallies.Select(r => r.Key.Key)));
            tally.Parameters.Add(PostgresParameters.Array("counts", NpgsqlDbType.Bigint, tallies.Select(r => r.Value.Count)));
            tally.Parameters.Add(PostgresParameters.Array("last_seen", NpgsqlDbType.TimestampTz, tallies.Select(r => r.Value.LastSeen)));
            batch.BatchCommands.Add(tally);
        }
        await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private sealed record PendingAppend(IReadOnlyList<ImporterDelta> Deltas, TaskCompletionSource Done);
}
