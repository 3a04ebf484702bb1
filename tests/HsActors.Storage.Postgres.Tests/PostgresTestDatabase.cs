using Microsoft.Extensions.Logging.Abstractions;

namespace HsActors.Storage.Postgres.Tests;

/// <summary>A fresh database per test, and <see cref="PostgresDatabase"/> pools on it that are disposed with the test.</summary>
public abstract class PostgresTestDatabase(PostgresServer server) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    protected PostgresServer Server => server;

    protected string ConnectionString { get; private set; } = "";

    protected string DatabaseName => new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    public virtual async Task InitializeAsync() => ConnectionString = await server.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        // Stores before the pools they use: reverse order of creation.
        for (var i = _owned.Count - 1; i >= 0; i--)
            await _owned[i].DisposeAsync();
    }

    /// <summary>A separate connection pool, as another silo would have.</summary>
    protected PostgresDatabase NewDatabase() => Own(new PostgresDatabase(ConnectionString, NullLoggerFactory.Instance));

    protected T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <summary>Waits for a condition with a generous deadline; never a fixed sleep.</summary>
    protected static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }
}
