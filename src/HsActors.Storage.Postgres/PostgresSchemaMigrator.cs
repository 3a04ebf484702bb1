using Microsoft.Extensions.Logging;
using Npgsql;

namespace HsActors.Storage.Postgres;

/// <summary>
/// Brings the database schema up to the migrations this silo carries. Every silo runs it at start-up; a session-level
/// advisory lock makes concurrent starts take turns, so each migration is applied exactly once: the first silo applies
/// it, the others find it recorded in <c>schema_migrations</c>. Each migration runs in its own transaction together
/// with its record, so a failure leaves the schema at the previous version.
/// </summary>
public sealed class PostgresSchemaMigrator
{
    /// <summary>The advisory lock key ("HsActors" in ASCII); any other user of advisory locks must avoid it.</summary>
    public const long AdvisoryLockKey = 0x4873_4163_746F_7273;

    private readonly NpgsqlDataSource _dataSource;
    private readonly IReadOnlyList<PostgresMigration> _migrations;
    private readonly ILogger _logger;

    public PostgresSchemaMigrator(NpgsqlDataSource dataSource, ILogger logger, IReadOnlyList<PostgresMigration>? migrations = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(logger);
        _dataSource = dataSource;
        _logger = logger;
        _migrations = migrations ?? PostgresMigration.Embedded;
    }

    /// <returns>The versions this call applied (empty when the schema was already current).</returns>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", AdvisoryLockKey)).ConfigureAwait(false);
        try
        {
            // Created under the lock: two sessions racing on CREATE TABLE IF NOT EXISTS can still collide.
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken).ConfigureAwait(false);
            var applied = await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false);
            var newer = applied.Keys.Where(v => _migrations.All(m => m.Version != v)).Order().ToList();
            if (newer.Count > 0)
            {
                // A rolling upgrade: a newer silo has moved the schema on; migrations only add, so this silo still works.
                _logger.LogWarning("The database has schema versions this silo does not know ({Versions}); continuing.", string.Join(", ", newer));
            }

            var done = new List<int>();
            foreach (var migration in _migrations)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (!string.Equals(checksum, migration.Checksum, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Version:D4}_{migration.Name} was applied with checksum {checksum}, but this build carries " +
                            $"{migration.Checksum}. Applied migrations must never change; add a new migration instead.");
                    }
                    continue;
                }
                await ApplyAsync(connection, migration, cancellationToken).ConfigureAwait(false);
                done.Add(migration.Version);
            }
            return done;
        }
        finally
        {
            // If the connection broke, the lock ended with its session; unlocking then fails harmlessly.
            if (connection.State == System.Data.ConnectionState.Open)
                await ExecuteAsync(connection, null, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", AdvisoryLockKey)).ConfigureAwait(false);
        }
    }

    private async Task ApplyAsync(NpgsqlConnection connection, PostgresMigration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "INSERT INTO schema_migrations (version, name, checksum) VALUES (@version, @name, @checksum)",
            cancellationToken, ("version", migration.Version), ("name", migration.Name), ("checksum", migration.Checksum)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Applied PostgreSQL migration {Version:D4}_{Name}.", migration.Version, migration.Name);
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var applied = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            applied[reader.GetInt32(0)] = reader.GetString(1);
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
