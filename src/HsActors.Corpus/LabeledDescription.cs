using HsActors.Nomenclature;

namespace HsActors.Corpus;

/// <summary>A goods description with the HS code it was classified under, and where it came from.</summary>
public sealed record LabeledDescription(string Description, HsCode Code, string Source)
{
    public string? ImporterId { get; init; }
    public string? AgentId { get; init; }
    public string? OriginCountry { get; init; }
    public DateOnly? DeclaredOn { get; init; }
    public bool AssessedByOfficer { get; init; }
    public float Weight { get; init; } = 1f;
}
