namespace HsActors.Abstractions.Audit;

/// <summary>
/// The append-only record of decisions. Appends of classification answers may be buffered (they are many and cheap to
/// lose only in a crash); <see cref="AppendDurableAsync"/> is for decisions that must never be lost once acknowledged.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Queues the entry; it is written within a short interval.</summary>
    void Append(AuditEntry entry);

    /// <summary>Writes the entry (and everything queued before it) and completes once it survives a crash.</summary>
    Task AppendDurableAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    IAsyncEnumerable<AuditEntry> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
