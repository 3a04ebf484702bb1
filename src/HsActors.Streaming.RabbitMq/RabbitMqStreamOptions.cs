namespace HsActors.Streaming.RabbitMq;

public sealed record RabbitMqStreamOptions
{
    public RabbitMqEndpoint Endpoint { get; init; } = new();

    /// <summary>Name of the stream queue holding the assessments.</summary>
    public string StreamName { get; init; } = "hsactors.assessments";

    /// <summary>Retention: the broker drops whole old segments once the stream is larger than this.</summary>
    public long MaxLengthBytes { get; init; } = 20L * 1024 * 1024 * 1024;

    /// <summary>Unacknowledged deliveries a reader lets the broker send ahead (basic.qos); streams require one.</summary>
    public ushort Prefetch { get; init; } = 500;

    /// <summary>How long an append waits for its confirmed message to come back with an offset.</summary>
    public TimeSpan AppendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long opening waits for the id index to read the existing stream.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Publish attempts per append when the connection drops or the broker refuses the message (as it does
    /// while the stream queue restarts); after the last, the append fails as unavailable.</summary>
    public int PublishAttempts { get; init; } = 3;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(StreamName);
        if (StreamName.Length > 255)
            throw new ArgumentException($"Stream name '{StreamName}' is longer than the 255 characters AMQP allows.", nameof(StreamName));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLengthBytes, 1, nameof(MaxLengthBytes));
        ArgumentOutOfRangeException.ThrowIfZero(Prefetch, nameof(Prefetch));
        ArgumentOutOfRangeException.ThrowIfLessThan(PublishAttempts, 1, nameof(PublishAttempts));
    }
}
