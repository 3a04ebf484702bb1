using Microsoft.Extensions.Hosting;

namespace HsActors.Storage.Postgres;

/// <summary>
/// Migrates the schema and fills the override mirror before the silo takes traffic, so a bad connection string or an
/// unreachable database fails the start rather than the first request.
/// </summary>
internal sealed class PostgresBackendStartup(PostgresDatabase database, PostgresOverrideStore overrides) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await overrides.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    // The stores flush and stop when the container disposes them, after every hosted service has stopped.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
