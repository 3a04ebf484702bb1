using HsActors.Abstractions.Streaming;

namespace HsActors.Storage.Postgres;

/// <summary>
/// Stream consumer offsets in the <c>stream_offsets</c> table, shared by every silo. A saved offset is only where a
/// consumer resumes: it may lag behind what was applied, so what a consumer applies must tolerate replays (importer
/// statistics skip offsets already counted, in the importer grain's state; overrides are upserts).
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
        await using var command = database.DataSource.CreateCommand(Upsert);
        command.Parameters.AddWithValue("consumer", consumer);
        command.Parameters.AddWithValue("next_offset", nextOffset);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
