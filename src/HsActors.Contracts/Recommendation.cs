namespace HsActors.Contracts;

/// <param name="Code">Digits only, 8 for a national line (6 for a subheading without national lines).</param>
/// <param name="Explanation">The description's terms that weighed most for this code, strongest first.</param>
/// <param name="Source">Null for the model's own ranking; <see cref="OfficerOverrideSource"/> when an officer's assessment of the same goods decided it.</param>
/// <param name="AssessmentId">The assessment that decided it, when <paramref name="Source"/> is set.</param>
public sealed record Recommendation(
    string Code,
    double Probability,
    string Chapter,
    string DescriptionEn,
    string? DescriptionId,
    IReadOnlyList<TermWeight> Explanation,
    string? Source = null,
    string? AssessmentId = null)
{
    public const string OfficerOverrideSource = "officer-override";
}

public sealed record TermWeight(string Term, double Weight);

public sealed record ChapterProbability(string Chapter, double Probability, string? Title);
