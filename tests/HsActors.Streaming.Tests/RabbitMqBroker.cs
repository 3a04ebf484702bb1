using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HsActors.Streaming.RabbitMq;

namespace HsActors.Streaming.Tests;

/// <summary>
/// A private RabbitMQ node for one test run: the Debian rabbitmq-server started as a plain process (its own session,
/// so the whole Erlang process tree can be stopped) on a free loopback port, with its data, logs, Erlang cookie and
/// plugins file in a temporary directory. Started once and shared by every RabbitMQ test (collection fixture).
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string ControlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";
    private const string PortMapper = "/usr/bin/epmd";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly StringBuilder _console = new();
    private Process? _server;
    private string _directory = "";
    private Dictionary<string, string> _environment = [];
    private int _portMapperPort;

    public RabbitMqEndpoint Endpoint { get; private set; } = new();
    public string NodeName { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ServerScript) || !File.Exists(ControlScript))
            throw new InvalidOperationException(
                $"RabbitMQ tests need the Debian package rabbitmq-server ({ServerScript} is missing). Install it with: apt-get install -y rabbitmq-server");

        var port = FreePortPair();
        _portMapperPort = FreePort();
        _directory = Path.Combine(Path.GetTempPath(), $"hsactors-rabbitmq-{port}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "enabled_plugins"), "[].");
        await File.WriteAllTextAsync(Path.Combine(_directory, "rabbitmq.conf"), "");
        NodeName = $"hsactors-test-{port}@localhost";
        Endpoint = new RabbitMqEndpoint { HostName = "127.0.0.1", Port = port, ReconnectDelay = TimeSpan.FromMilliseconds(500) };
        _environment = new Dictionary<string, string>
        {
            ["HOME"] = _directory, // the Erlang cookie is created here, readable by its owner only
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log"),
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(),
            ["RABBITMQ_DIST_PORT"] = (port + 20000).ToString(),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq.conf"),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1", // the Erlang port mapper it starts listens on loopback only,
            // on a port of its own: the daemon outlives the node, so it is this fixture's to stop, and a system-wide
            // epmd is never touched.
            ["ERL_EPMD_PORT"] = _portMapperPort.ToString(),
        };

        await StartServerAsync();
    }

    /// <summary>
    /// Stops the node (clean shutdown, as an operator's restart) and starts it again on the same port and data
    /// directory: durable queues, streams and persistent messages survive, every client connection is cut.
    /// </summary>
    public async Task RestartAsync()
    {
        await StopServerAsync();
        await StartServerAsync();
    }

    /// <summary>Stops the node cleanly, as <see cref="RestartAsync"/> does, and leaves it down until <see cref="StartAsync"/>.</summary>
    public Task StopAsync() => StopServerAsync();

    /// <summary>Starts a node stopped by <see cref="StopAsync"/> on the same port and data; returns once it accepts connections.</summary>
    public Task StartAsync() => StartServerAsync();

    private async Task StartServerAsync()
    {
        lock (_console)
            _console.Clear();
        // setsid: the server runs in its own process group, so stopping it never touches the test host's group.
        var start = new ProcessStartInfo("setsid", ServerScript)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in _environment)
            start.Environment[name] = value;
        _server = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {ServerScript}.");
        _server.OutputDataReceived += (_, e) => Capture(e.Data);
        _server.ErrorDataReceived += (_, e) => Capture(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_server.HasExited)
                throw new InvalidOperationException($"rabbitmq-server exited with code {_server.ExitCode} while starting:\n{ConsoleTail()}");
            try
            {
                await using var connection = await Endpoint.ConnectAsync("hsactors-tests-probe");
                return;
            }
            catch (Exception) when (clock.Elapsed < StartTimeout)
            {
                await Task.Delay(500);
            }
            catch (Exception e)
            {
                await DisposeAsync();
                throw new TimeoutException($"rabbitmq-server did not accept AMQP connections on port {Endpoint.Port} within {StartTimeout}: {e.Message}\n{ConsoleTail()}", e);
            }
        }
    }

    /// <summary>Runs rabbitmqctl against this node, failing the test on a non-zero exit.</summary>
    public async Task<string> ControlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(ControlScript)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(NodeName);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in _environment)
            start.Environment[name] = value;
        using var control = Process.Start(start)!;
        var stdout = control.StandardOutput.ReadToEndAsync();
        var stderr = control.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await control.WaitForExitAsync(timeout.Token);
        if (control.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({control.ExitCode}): {await stderr}{await stdout}");
        return await stdout;
    }

    public async Task DisposeAsync()
    {
        await StopServerAsync();
        await StopPortMapperAsync();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private async Task StopServerAsync()
    {
        if (_server is { HasExited: false })
        {
            // SIGTERM to the group makes the Erlang VM shut the node down cleanly; it is quicker than rabbitmqctl
            // stop, which boots a second VM just to send the request.
            SignalProcessGroup(_server.Id, "TERM");
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _server.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                SignalProcessGroup(_server.Id, "KILL");
                _server.Kill(entireProcessTree: true);
            }
        }
        _server?.Dispose();
        _server = null;
    }

    /// <summary>The node's epmd daemonizes out of the server's process group, so the group signal does not reach it.</summary>
    private async Task StopPortMapperAsync()
    {
        if (_portMapperPort == 0)
            return;
        var start = new ProcessStartInfo(PortMapper, ["-port", _portMapperPort.ToString(), "-kill"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        using var kill = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await kill.WaitForExitAsync(timeout.Token);
    }

    private static void SignalProcessGroup(int leader, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", "--", $"-{leader}"]) { UseShellExecute = false });
        kill?.WaitForExit(5000);
    }

    // The AMQP port and the Erlang distribution port (AMQP + 20000) must both be free.
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static int FreePortPair()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            if (port + 20000 > 65535)
                continue;
            try
            {
                using var distribution = new TcpListener(IPAddress.Loopback, port + 20000);
                distribution.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken; try another.
            }
        }
        throw new InvalidOperationException("No free loopback port pair (p, p + 20000) for the test broker.");
    }

    private void Capture(string? line)
    {
        if (line is null)
            return;
        lock (_console)
            _console.AppendLine(line);
    }

    private string ConsoleTail()
    {
        lock (_console)
        {
            var text = _console.ToString();
            return text.Length <= 4000 ? text : text[^4000..];
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "RabbitMQ broker";
}
