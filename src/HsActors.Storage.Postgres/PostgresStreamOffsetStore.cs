using HsActors.Abstractions.Streaming;
using Npgsql;

namespace HsActors.Storage.Postgres;

/// <summary>
/// Stream consumer offsets in the <c>stream_offsets</c> table. The same rows are written by
/// <see cref="PostgresImporterStatisticsStore.AppendAsync(IReadOnlyList{HsActors.Abstractions.Statistics.ImporterDelta}, HsActors.Abstractions.Statistics.ConsumerOffset, CancellationToken)"/>
/// in the transaction of the deltas they account for, so a consumer that loads its offset here resumes exactly after
/// what it counted.
/// </summary>
public sealed class PostgresStreamOffsetStore(PostgresDatabase database) : IStreamOffsetStore
{
    private const string Upsert = """
        INSERT INTO stream_offsets (consumer, next_offset, updated_at) VALUES (@consumer, @next_offset, now())
        ON CONFLICT (consumer) DO UPDATE SET next_offset = excluded.next_offset, updated_at = excluded.updated_at
        """;

    public async ValueTask<long?> LoadAsync(string consumer, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        await database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var command = database.DataSource.CreateCommand("SELECT next_offset FROM stream_offsets WHERE consumer = @consumer");
        command.Parameters.AddWithValue("consumer", consumer);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long offset ? offset : null;
    }

    public async ValueTask SaveAsync(string consumer, long nextOffset, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentOutOfRangeException.ThrowIfNegative(nextOffset);
        await database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { CreateSaveCommand(consumer, nextOffset) } };
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static NpgsqlBatchCommand CreateSaveCommand(string consumer, long nextOffset) =>
        new(Upsert) { Parameters = { new NpgsqlParameter("consumer", consumer), new NpgsqlParameter("next_offset", nextOffset) } };
}
