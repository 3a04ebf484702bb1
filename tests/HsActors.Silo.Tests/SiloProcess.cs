using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HsActors.Silo.Tests;

/// <summary>
/// The built silo (<c>dotnet HsActors.Silo.dll</c>) as a real child process on a free loopback port, with the test
/// keys, so a test can kill it with SIGKILL and start it again on the same data directory.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    /// <summary>Set to a directory, every line each silo prints is kept in a file there too (for chasing a failure).</summary>
    public const string LogDirectoryVariable = "HSACTORS_TEST_SILO_LOGS";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private StreamWriter? _log;

    private SiloProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        if (Environment.GetEnvironmentVariable(LogDirectoryVariable) is { Length: > 0 } logs)
        {
            _log = new StreamWriter(Path.Combine(logs, $"silo-{baseAddress.Port}-{process.Id}.log")) { AutoFlush = true };
        }
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public static SiloProcess Start(string modelDirectory, string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HsActors.Silo.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        var values = new Dictionary<string, string?>
        {
            ["HsActors:DataDirectory"] = dataDirectory,
            ["HsActors:ModelDirectory"] = modelDirectory,
            ["HsActors:Orleans:SiloPort"] = "0",
            // Off unless a test switches it on: it would encode the bundled corpus in the background (minutes of CPU).
            ["HsActors:Semantic:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in TestKeys.Configuration())
        {
            values[key] = value;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }
        foreach (var (key, value) in values)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("The silo process did not start.");
        return new SiloProcess(process, baseAddress);
    }

    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public async Task WaitReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the redirected output, which the exit can overtake
                throw new InvalidOperationException($"The silo exited with code {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The silo did not become ready:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown code runs, buffers in the process are lost, as in a power cut of the process.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit();
    }

    /// <summary>The last lines the silo printed, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_output)
        {
            _log?.Dispose();
            _log = null;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        lock (_output)
        {
            _log?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
