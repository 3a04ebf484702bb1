namespace HsActors.Storage.Postgres;

/// <summary>Tuning of the PostgreSQL backend; the defaults suit a silo on the same network as its database.</summary>
public sealed record PostgresBackendOptions
{
    /// <summary>
    /// How long the statistics writer waits after the first pending append before it commits, so that appends from
    /// concurrent requests share one transaction. Appends that arrive while a commit is in flight join the next one
    /// anyway; this only widens the window when the store is idle.
    /// </summary>
    public TimeSpan StatisticsWriteWindow { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Buffered audit entries are written at least this often.</summary>
    public TimeSpan AuditFlushInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>At most this many audit entries go into one insert.</summary>
    public int AuditBatchSize { get; init; } = 1_000;

    /// <summary>
    /// Buffered (non-durable) audit entries beyond this many are dropped and logged rather than letting a database
    /// outage grow the silo's memory without bound.
    /// </summary>
    public int AuditBufferLimit { get; init; } = 200_000;

    /// <summary>Pause before the override listener reconnects after its connection failed.</summary>
    public TimeSpan ListenerReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the override listener waits for a notification before it checks that its connection lives.</summary>
    public TimeSpan ListenerKeepAlive { get; init; } = TimeSpan.FromSeconds(15);
}
