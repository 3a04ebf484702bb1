using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HsActors.Storage.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class SchemaMigrationTests(PostgresServer server) : PostgresTestDatabase(server)
{
    [Fact]
    public async Task MigratesAFreshDatabaseOnceAndThenDoesNothing()
    {
        var database = NewDatabase();
        var migrator = new PostgresSchemaMigrator(database.DataSource, NullLogger.Instance);

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(PostgresMigration.Embedded.Select(m => m.Version), first);
        Assert.Empty(second);
        Assert.Equal(PostgresMigration.Embedded.Select(m => m.Version), await AppliedVersionsAsync(database));
        foreach (var table in new[] { "importer_totals", "importer_tallies", "officer_overrides", "audit_entries", "stream_offsets" })
            Assert.True(await TableExistsAsync(database, table), table);
    }

    [Fact]
    public async Task ConcurrentMigratorsApplyEachMigrationExactlyOnce()
    {
        // The extra migration cannot run twice (CREATE TABLE without IF NOT EXISTS) and holds its transaction open for
        // a moment, so without the advisory lock the other migrators would run it at the same time and fail.
        var migrations = PostgresMigration.Embedded
            .Append(PostgresMigration.Create(9000, "probe", "CREATE TABLE migration_probe (id int); SELECT pg_sleep(0.3);"))
            .ToList();
        var migrators = Enumerable.Range(0, 4)
            .Select(_ => new PostgresSchemaMigrator(NewDatabase().DataSource, NullLogger.Instance, migrations))
            .ToList();

        var results = await Task.WhenAll(migrators.Select(m => Task.Run(() => m.MigrateAsync())));

        var applied = results.SelectMany(r => r).ToList();
        Assert.Equal(migrations.Select(m => m.Version).Order(), applied.Order());
        Assert.Single(results, r => r.Count > 0);
        Assert.Equal(migrations.Select(m => m.Version), await AppliedVersionsAsync(NewDatabase()));
    }

    [Fact]
    public async Task RefusesAMigrationWhoseScriptChangedAfterItWasApplied()
    {
        var database = NewDatabase();
        await new PostgresSchemaMigrator(database.DataSource, NullLogger.Instance).MigrateAsync();
        var edited = PostgresMigration.Embedded
            .Select(m => m.Version == 1 ? PostgresMigration.Create(1, m.Name, m.Sql + "\n-- edited") : m)
            .ToList();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new PostgresSchemaMigrator(database.DataSource, NullLogger.Instance, edited).MigrateAsync());

        Assert.Contains("0001_initial", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingMigrationLeavesNoTraceAndTheSchemaAtThePreviousVersion()
    {
        var database = NewDatabase();
        var broken = PostgresMigration.Embedded
            .Append(PostgresMigration.Create(9001, "broken", "CREATE TABLE half_done (id int); SELECT no_such_function();"))
            .ToList();

        await Assert.ThrowsAsync<PostgresException>(() => new PostgresSchemaMigrator(database.DataSource, NullLogger.Instance, broken).MigrateAsync());

        Assert.Equal(PostgresMigration.Embedded.Select(m => m.Version), await AppliedVersionsAsync(database));
        Assert.False(await TableExistsAsync(database, "half_done"));
    }

    private static async Task<List<int>> AppliedVersionsAsync(PostgresDatabase database)
    {
        await using var command = database.DataSource.CreateCommand("SELECT version FROM schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
            versions.Add(reader.GetInt32(0));
        return versions;
    }

    private static async Task<bool> TableExistsAsync(PostgresDatabase database, string table)
    {
        await using var command = database.DataSource.CreateCommand("SELECT to_regclass(@table) IS NOT NULL");
        command.Parameters.AddWithValue("table", table);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
