using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HsActors.Storage.Postgres.Tests;

/// <summary>
/// A private PostgreSQL server for one test run: Debian's binaries (initdb, pg_ctl) with the cluster in a temporary
/// directory, listening on a free loopback port with its Unix socket in the same directory. PostgreSQL refuses to run
/// as root, so when the tests run as root (CI) the server runs as the <c>postgres</c> user, which owns the directory.
/// Each test gets its own database from <see cref="CreateDatabaseAsync"/>, so tests never see each other's rows.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string ServiceUser = "postgres";
    private string _directory = "";
    private string _binaries = "";
    private bool _started;

    public int Port { get; private set; }

    public string DataDirectory => Path.Combine(_directory, "data");

    public async Task InitializeAsync()
    {
        _binaries = FindBinaries();
        _directory = Path.Combine(Path.GetTempPath(), $"hsactors-postgres-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        if (RunsAsRoot)
            await RunAsync("chown", [ServiceUser, _directory]);

        await RunServerToolAsync("initdb", ["-D", DataDirectory, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            try
            {
                // fsync off: a test server's data need not survive a machine crash, and syncs are slow on a shared disk.
                await RunServerToolAsync("pg_ctl", [
                    "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "120",
                    "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200",
                    "start",
                ]);
                _started = true;
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Most likely the port was taken between probing and binding; try another.
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_started)
        {
            try
            {
                await RunServerToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already gone; nothing else to stop.
            }
        }
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        MaxPoolSize = 20,
    }.ConnectionString;

    /// <summary>A new, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Drops every client connection of <paramref name="database"/>: a real connection loss for the listeners.</summary>
    public async Task<int> TerminateConnectionsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid()", connection);
        command.Parameters.AddWithValue("database", database);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var binaries = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return binaries ?? throw new InvalidOperationException(
            "PostgreSQL tests need the Debian package postgresql (no /usr/lib/postgresql/*/bin/pg_ctl). Install it with: apt-get install -y postgresql " +
            "(tests/install-prerequisites does).");
    }

    private Task RunServerToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var executable = Path.Combine(_binaries, tool);
        return RunsAsRoot
            ? RunAsync("runuser", ["-u", ServiceUser, "--", executable, .. arguments])
            : RunAsync(executable, arguments);
    }

    private async Task RunAsync(string executable, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory, // the postgres user cannot read the test's working directory
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_directory, "server.log");
            var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log) : "";
            throw new InvalidOperationException(
                $"{executable} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}{await stdout}\n{serverLog}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
