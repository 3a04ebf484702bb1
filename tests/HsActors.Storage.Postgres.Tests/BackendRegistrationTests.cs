using HsActors.Abstractions.Audit;
using HsActors.Abstractions.Overrides;
using HsActors.Abstractions.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HsActors.Storage.Postgres.Tests;

[Collection(PostgresCollection.Name)]
public sealed class BackendRegistrationTests(PostgresServer server) : PostgresTestDatabase(server)
{
    [Fact]
    public async Task ReplacesEarlierRegistrationsAndMigratesWhenTheHostStarts()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IStreamOffsetStore>(new UnusedOffsetStore());
        services.AddPostgresBackend(ConnectionString);
        await using var provider = services.BuildServiceProvider();

        foreach (var hosted in provider.GetServices<IHostedService>())
            await hosted.StartAsync(CancellationToken.None);

        Assert.IsType<PostgresOverrideStore>(provider.GetRequiredService<IOverrideStore>());
        Assert.IsType<PostgresAuditTrail>(provider.GetRequiredService<IAuditTrail>());
        var offsets = Assert.Single(provider.GetServices<IStreamOffsetStore>());
        Assert.IsType<PostgresStreamOffsetStore>(offsets);
        await using var command = provider.GetRequiredService<PostgresDatabase>().DataSource.CreateCommand("SELECT count(*) FROM schema_migrations");
        Assert.Equal((long)PostgresMigration.Embedded.Count, await command.ExecuteScalarAsync());
    }

    private sealed class UnusedOffsetStore : IStreamOffsetStore
    {
        public ValueTask<long?> LoadAsync(string consumer, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask SaveAsync(string consumer, long nextOffset, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
