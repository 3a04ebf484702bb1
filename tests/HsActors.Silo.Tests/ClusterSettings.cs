using HsActors.Streaming.Tests;

namespace HsActors.Silo.Tests;

/// <summary>Silo configuration that points at the tests' own cluster servers, as <c>deploy/cluster</c> does for real silos.</summary>
public static class ClusterSettings
{
    /// <summary>The assessment stream on <paramref name="broker"/>, in a stream queue of its own unless one is named.</summary>
    public static Dictionary<string, string?> RabbitMq(RabbitMqBroker broker, string? streamName = null) => new()
    {
        ["HsActors:RabbitMq:Uri"] = $"amqp://guest:guest@{broker.Endpoint.HostName}:{broker.Endpoint.Port}/",
        ["HsActors:RabbitMq:StreamName"] = streamName ?? NewStreamName(),
    };

    public static Dictionary<string, string?> Postgres(string connectionString) => new()
    {
        ["HsActors:Postgres:ConnectionString"] = connectionString,
    };

    public static string NewStreamName() => "hsactors.assessments.test-" + Guid.NewGuid().ToString("N");
}
