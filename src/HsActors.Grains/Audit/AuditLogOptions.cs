namespace HsActors.Grains.Audit;

public sealed record AuditLogOptions
{
    /// <summary>How long buffered appends (classification answers) wait before they are written.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The most entries one query returns.</summary>
    public int MaxQueryLimit { get; init; } = 1_000;
}
