namespace HsActors.Contracts;

/// <summary>What an importer has declared before: the officer's context for judging a line.</summary>
public sealed record ImporterSummary(
    string ImporterId,
    long Declarations,
    long Assessments,
    long Corrections,
    DateTimeOffset? LastSeen,
    IReadOnlyList<CodeCount> TopCodes,
    IReadOnlyList<CodeCount> TopChapters,
    IReadOnlyList<CodeCount> TopOriginCountries,
    IReadOnlyList<CodeCount> TopAgents);

public sealed record CodeCount(string Key, long Count);
