using RabbitMQ.Client;

namespace HsActors.Streaming.RabbitMq;

/// <summary>Where the broker is and how to log in; shared by the assessment stream and the ownership queues.</summary>
public sealed record RabbitMqEndpoint
{
    public string HostName { get; init; } = "localhost";
    public int Port { get; init; } = 5672;
    public string UserName { get; init; } = "guest";
    public string Password { get; init; } = "guest";
    public string VirtualHost { get; init; } = "/";

    /// <summary>How long the client waits between attempts to re-open a lost connection.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Opens a connection that re-opens itself (and its channels) after a network failure. Topology recovery is off
    /// on purpose: a consumer of a stream must resume from the offset after the last entry it handed out, not from
    /// the offset it originally asked for, so the stream's readers re-subscribe themselves.
    /// </summary>
    public Task<IConnection> ConnectAsync(string clientName, CancellationToken cancellationToken = default)
    {
        var factory = new ConnectionFactory
        {
            HostName = HostName,
            Port = Port,
            UserName = UserName,
            Password = Password,
            VirtualHost = VirtualHost,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = false,
            NetworkRecoveryInterval = ReconnectDelay,
            RequestedHeartbeat = TimeSpan.FromSeconds(10),
        };
        return factory.CreateConnectionAsync(clientName, cancellationToken);
    }
}
