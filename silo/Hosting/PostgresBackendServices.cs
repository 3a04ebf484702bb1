using HsActors.Storage.Postgres;

namespace HsActors.Silo.Hosting;

/// <summary>Chooses the cluster backends by configuration; with none configured the embedded stores stay in place.</summary>
internal static class PostgresBackendServices
{
    public const string ConnectionStringKey = $"{SiloOptions.Section}:Postgres:ConnectionString";

    /// <summary>
    /// With <c>HsActors:Postgres:ConnectionString</c> set, importer statistics, overrides, the audit trail and stream
    /// offsets live in PostgreSQL (shared by every silo). Call after the embedded registrations, which it replaces.
    /// </summary>
    public static IServiceCollection AddConfiguredBackends(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[ConnectionStringKey] is { } connectionString && !string.IsNullOrWhiteSpace(connectionString))
            services.AddPostgresBackend(connectionString);
        return services;
    }
}
