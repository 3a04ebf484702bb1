namespace HsActors.Abstractions.Streaming;

/// <summary>
/// A customs officer's correction of a declaration's HS code. Written once to the assessment stream and consumed by
/// the retrainers. <see cref="AssessmentId"/> is the idempotency key: appending the same id again is a no-op.
/// </summary>
public sealed record AssessmentRecord
{
    public required string AssessmentId { get; init; }
    public string? DeclarationId { get; init; }
    public required string Description { get; init; }
    /// <summary>The code the importer declared (digits only), when known.</summary>
    public string? DeclaredCode { get; init; }
    /// <summary>The code the officer decided (digits only).</summary>
    public required string AssessedCode { get; init; }
    public required string OfficerId { get; init; }
    public string? ImporterId { get; init; }
    public string? OriginCountry { get; init; }
    public DateTimeOffset AssessedAt { get; init; }

    /// <summary>
    /// The API key that submitted it (null in logs written before keys were recorded). An officer's key may only submit
    /// its own <see cref="OfficerId"/>; an administrator's may submit for others, and this says who did.
    /// </summary>
    public string? SubmittedBy { get; init; }
}
