namespace HsActors.Storage.Postgres;

/// <summary>timestamptz holds microseconds in UTC; Npgsql accepts only UTC DateTimeOffsets.</summary>
public static class PostgresTime
{
    /// <summary>The instant as PostgreSQL stores it: UTC, truncated to whole microseconds.</summary>
    public static DateTimeOffset ToStored(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
