namespace HsActors.Contracts;

/// <summary>The entries matching an audit query, oldest first.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Entries);
