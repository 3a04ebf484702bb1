namespace HsActors.Contracts;

/// <summary><c>POST /v1/assessments/batch</c>: up to <see cref="MaxAssessments"/> assessments, all validated before any is written.</summary>
public sealed record BatchAssessmentRequest
{
    public const int MaxAssessments = 1_000;

    public required IReadOnlyList<AssessmentRequest> Assessments { get; init; }
}
