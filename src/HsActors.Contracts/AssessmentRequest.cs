using System.Text.Json.Serialization;

namespace HsActors.Contracts;

/// <summary>
/// An officer's assessment of a declaration line (<c>POST /v1/assessments</c>). <see cref="AssessmentId"/> is the
/// idempotency key: sending the same assessment again is acknowledged once more and never counted twice.
/// </summary>
public sealed record AssessmentRequest
{
    public required string AssessmentId { get; init; }

    public string? DeclarationId { get; init; }

    public required string Description { get; init; }

    /// <summary>The code the importer declared, when known (dots allowed).</summary>
    public string? DeclaredCode { get; init; }

    /// <summary>The code the officer decided: a subheading (6 digits) or national line (8) of the nomenclature, dots allowed.</summary>
    public required string AssessedCode { get; init; }

    public required string OfficerId { get; init; }

    public string? ImporterId { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country of origin.</summary>
    public string? OriginCountry { get; init; }

    [JsonConverter(typeof(OffsetDateTimeJsonConverter))]
    public required DateTimeOffset AssessedAt { get; init; }
}
