namespace HsActors.Abstractions.Overrides;

/// <summary>
/// An officer's decision that goods described this way belong under <see cref="Code"/>: consulted before the model, so
/// the next identical line gets the officer's code at once, long before a retrained model version is promoted.
/// </summary>
/// <param name="NormalizedDescription">The description after the model's own cleansing, so trivial spelling and case variants match.</param>
/// <param name="ImporterId">Null for an override that applies to every importer.</param>
public sealed record OfficerOverride(
    string NormalizedDescription,
    string? ImporterId,
    string Code,
    string AssessmentId,
    string OfficerId,
    DateTimeOffset AssessedAt);
