using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HsActors.Storage.Tests;

/// <summary>
/// Starts the real Azurite emulator (blob, queue and table services: the model registry uses blobs, Orleans' Azure
/// providers tables and blobs) on free loopback ports with a temporary --location, and stops it after the collection.
/// Fails (never skips) when Azurite is not installed.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The emulator's account name.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The emulator's published, well-known key: not a secret.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string ExecutableName = "azurite";
    private readonly StringBuilder _output = new();
    private readonly TemporaryDirectory _location = new("azurite");
    private Process? _process;

    public int Port { get; private set; }

    public int TablePort { get; private set; }

    public int QueuePort { get; private set; }

    /// <summary>Azurite's data directory: blob bytes live in extent files under it.</summary>
    public string Location => _location.Path;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};";

    public string BlobEndpoint => $"http://127.0.0.1:{Port}/{AccountName}";

    public async Task InitializeAsync()
    {
        var executable = FindExecutable();
        for (var attempt = 1; ; attempt++)
        {
            (Port, TablePort, QueuePort) = (FreeLoopbackPort(), FreeLoopbackPort(), FreeLoopbackPort());
            _process = Start(executable);
            try
            {
                await WaitUntilAnsweringAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && _process.HasExited)
            {
                // Most likely the port was taken between probing and binding; try another one.
            }
        }
    }

    public Task DisposeAsync()
    {
        Stop();
        _location.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops the emulator and, after <paramref name="downtime"/>, starts it again on the same ports and data directory:
    /// what the silos see of a storage account that drops out for a while and comes back with its data. The stop is a
    /// SIGTERM, not a kill: Azurite keeps its metadata in memory and saves it every few seconds and at shutdown, so a
    /// killed Azurite forgets acknowledged writes, which no real storage account does.
    /// </summary>
    public async Task RestartAsync(TimeSpan downtime)
    {
        if (_process is { HasExited: false } running)
        {
            using (var term = Process.Start("kill", ["-TERM", running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync().ConfigureAwait(false);
            }
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await running.WaitForExitAsync(patience.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // It did not stop in time: the kill below it is.
            }
        }
        Stop();
        await Task.Delay(downtime).ConfigureAwait(false);
        _process = Start(FindExecutable());
        await WaitUntilAnsweringAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    private void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Flips one byte of <paramref name="content"/> wherever Azurite stored it on disk: real at-rest corruption.</summary>
    public int CorruptStoredBytes(ReadOnlySpan<byte> content)
    {
        var needle = content[..Math.Min(64, content.Length)];
        var corrupted = 0;
        foreach (var file in Directory.EnumerateFiles(Location, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            var offset = bytes.AsSpan().IndexOf(needle);
            if (offset < 0)
            {
                continue;
            }

            bytes[offset + (needle.Length / 2)] ^= 0xFF;
            File.WriteAllBytes(file, bytes);
            corrupted++;
        }

        return corrupted;
    }

    private static string FindExecutable()
    {
        var projectDirectory = FindTestProjectDirectory();
        var candidates = new List<string>();
        for (var directory = new DirectoryInfo(projectDirectory); directory is not null; directory = directory.Parent)
        {
            candidates.Add(Path.Combine(directory.FullName, "node_modules", ".bin", ExecutableName));
        }

        foreach (var pathEntry in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Combine(pathEntry, ExecutableName));
        }

        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"Azurite is not installed: run `npm install` (package.json pins azurite) in {projectDirectory}, " +
                $"or `npm install azurite` there. Looked for {ExecutableName} in node_modules/.bin of that folder and its parents, and on PATH.");
    }

    private static string FindTestProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HsActors.Storage.Tests.csproj")))
            {
                return directory.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    private static string Invariant(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Process Start(string executable)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--blobHost", "127.0.0.1", "--blobPort", Invariant(Port),
                     "--tableHost", "127.0.0.1", "--tablePort", Invariant(TablePort),
                     "--queueHost", "127.0.0.1", "--queuePort", Invariant(QueuePort),
                     "--location", Location, "--silent", "--skipApiVersionCheck",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before answering:\n{CapturedOutput()}");
            }

            try
            {
                // Any HTTP answer (an unauthenticated request gets 403) means the server is up.
                using var blobs = await http.GetAsync($"{BlobEndpoint}?comp=list").ConfigureAwait(false);
                using var tables = await http.GetAsync($"http://127.0.0.1:{TablePort}/{AccountName}/Tables").ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
            catch (TaskCanceledException)
            {
            }
        }

        throw new TimeoutException($"Azurite did not answer on port {Port} within {timeout.TotalSeconds} s:\n{CapturedOutput()}");
    }

    private string CapturedOutput()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
