namespace HsActors.Silo.Tests;

/// <summary>A clock the test sets; timers still run on real time (the audit flush interval does not depend on it).</summary>
public sealed class ManualTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
