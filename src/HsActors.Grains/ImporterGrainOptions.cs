namespace HsActors.Grains;

/// <param name="Refresh">
/// How old a cached read may get before it is refreshed from the store: infinite for a store only this silo writes.
/// </param>
public sealed record ImporterGrainOptions(TimeSpan Refresh);
