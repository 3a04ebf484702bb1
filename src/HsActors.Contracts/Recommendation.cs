namespace HsActors.Contracts;

/// <param name="Code">Digits only, 8 for a national line (6 for a subheading without national lines).</param>
/// <param name="Explanation">The description's terms that weighed most for this code, strongest first.</param>
public sealed record Recommendation(
    string Code,
    double Probability,
    string Chapter,
    string DescriptionEn,
    string? DescriptionId,
    IReadOnlyList<TermWeight> Explanation);

public sealed record TermWeight(string Term, double Weight);

public sealed record ChapterProbability(string Chapter, double Probability, string? Title);
