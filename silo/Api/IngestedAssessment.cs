using HsActors.Contracts;

namespace HsActors.Silo.Api;

/// <param name="ConflictsWithFirst">The id was known and the stored assessment differs: the client reused an id.</param>
internal readonly record struct IngestedAssessment(AssessmentAccepted Accepted, bool ConflictsWithFirst);
