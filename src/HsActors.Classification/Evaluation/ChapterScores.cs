namespace HsActors.Classification.Evaluation;

/// <summary>
/// One true chapter's cases: how often the first recommendation has the right chapter and, for the cases labelled at
/// six digits or finer, the right subheading (null when none are).
/// </summary>
public sealed record ChapterScores(string Chapter, int Support, double Top1Chapter, int SubheadingSupport, double? Top1Subheading);
