using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace HsActors.Storage.Postgres;

/// <summary>
/// The backend's connection pool and its schema: every store waits on <see cref="EnsureSchemaAsync"/> before its first
/// statement, so it does not matter whether the start-up hosted service or a first request migrates. A failed
/// migration is retried by the next caller rather than remembered forever.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly PostgresSchemaMigrator _migrator;
    private readonly Lock _gate = new();
    private Task? _schema;

    public PostgresDatabase(string connectionString, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (loggerFactory is not null)
            builder.UseLoggerFactory(loggerFactory);
        DataSource = builder.Build();
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _migrator = new PostgresSchemaMigrator(DataSource, LoggerFactory.CreateLogger<PostgresSchemaMigrator>());
    }

    public NpgsqlDataSource DataSource { get; }

    public ILoggerFactory LoggerFactory { get; }

    public Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        var schema = _schema;
        if (schema is { IsCompletedSuccessfully: true })
            return Task.CompletedTask;
        lock (_gate)
        {
            if (_schema is null || _schema.IsFaulted || _schema.IsCanceled)
                _schema = _migrator.MigrateAsync(CancellationToken.None);
            schema = _schema;
        }
        return schema.WaitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
