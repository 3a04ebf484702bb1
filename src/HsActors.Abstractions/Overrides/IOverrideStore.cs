namespace HsActors.Abstractions.Overrides;

/// <summary>
/// The override table. One row per (normalised description, importer or none); a later assessment of the same goods
/// replaces the earlier one, so the newest officer decision wins.
/// </summary>
public interface IOverrideStore
{
    /// <summary>
    /// The importer's own override when one exists, else the override for every importer, else null. Called on the
    /// classification hot path: implementations answer from memory.
    /// </summary>
    ValueTask<OfficerOverride?> FindAsync(string normalizedDescription, string? importerId, CancellationToken cancellationToken = default);

    /// <summary>Durably records the override; completes only once it survives a crash. Replaces an older decision, never a newer one.</summary>
    Task UpsertAsync(OfficerOverride entry, CancellationToken cancellationToken = default);

    /// <summary>How many overrides the table holds (for metrics and the admin view).</summary>
    ValueTask<long> CountAsync(CancellationToken cancellationToken = default);
}
