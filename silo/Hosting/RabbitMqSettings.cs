namespace HsActors.Silo.Hosting;

/// <summary><c>HsActors:RabbitMq</c>: when <see cref="Uri"/> is set the assessments go to a RabbitMQ stream queue instead of the local log.</summary>
public sealed class RabbitMqSettings
{
    /// <summary><c>amqp://user:password@host:5672/vhost</c>; empty = embedded local log.</summary>
    public string? Uri { get; set; }

    public string StreamName { get; set; } = "hsactors.assessments";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Uri);
}
