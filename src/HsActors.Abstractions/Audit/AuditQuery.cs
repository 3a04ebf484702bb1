namespace HsActors.Abstractions.Audit;

/// <summary>A filter over the audit trail; null members match everything. Results come oldest first.</summary>
public sealed record AuditQuery
{
    public AuditKind? Kind { get; init; }

    public string? Subject { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public int Limit { get; init; } = 100;
}
