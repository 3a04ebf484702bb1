namespace HsActors.Classification.Hierarchy;

/// <summary>What the hierarchy says about one description: ranked unique codes and the router's view of chapters.</summary>
public sealed record ClassificationResult(
    string CleanedDescription,
    IReadOnlyList<CodeRecommendation> Recommendations,
    IReadOnlyList<ChapterProbability> Chapters);
