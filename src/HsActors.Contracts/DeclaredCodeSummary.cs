namespace HsActors.Contracts;

/// <summary>Who declares a code: the importers, agents and origin countries seen with it, most frequent first.</summary>
public sealed record DeclaredCodeSummary(
    string Code,
    long Declarations,
    DateTimeOffset? LastSeen,
    IReadOnlyList<CodeCount> TopImporters,
    IReadOnlyList<CodeCount> TopAgents,
    IReadOnlyList<CodeCount> TopOriginCountries);
