using HsActors.Abstractions.Audit;
using HsActors.Abstractions.Overrides;
using HsActors.Abstractions.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace HsActors.Storage.Postgres;

/// <summary>Registers the PostgreSQL backend in place of the embedded stores.</summary>
public static class PostgresBackendServiceCollectionExtensions
{
    /// <summary>
    /// Overrides, audit trail and stream offsets in PostgreSQL (importer statistics are grain state), replacing whatever was registered
    /// for those interfaces before (call it after the embedded registrations). The schema is migrated at start-up by a
    /// hosted service, and in any case before a store's first statement.
    /// </summary>
    public static IServiceCollection AddPostgresBackend(this IServiceCollection services, string connectionString, PostgresBackendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var backendOptions = options ?? new PostgresBackendOptions();
        services.AddSingleton(sp => new PostgresDatabase(connectionString, sp.GetService<ILoggerFactory>()));
        services.AddSingleton(sp => new PostgresOverrideStore(sp.GetRequiredService<PostgresDatabase>(), backendOptions));
        services.AddSingleton(sp => new PostgresAuditTrail(sp.GetRequiredService<PostgresDatabase>(), backendOptions));
        services.AddSingleton(sp => new PostgresStreamOffsetStore(sp.GetRequiredService<PostgresDatabase>()));

        services.RemoveAll<IOverrideStore>();
        services.RemoveAll<IAuditTrail>();
        services.RemoveAll<IStreamOffsetStore>();
        services.AddSingleton<IOverrideStore>(sp => sp.GetRequiredService<PostgresOverrideStore>());
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<PostgresAuditTrail>());
        services.AddSingleton<IStreamOffsetStore>(sp => sp.GetRequiredService<PostgresStreamOffsetStore>());
        services.AddHostedService<PostgresBackendStartup>();
        return services;
    }
}
