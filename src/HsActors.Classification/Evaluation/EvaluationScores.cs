namespace HsActors.Classification.Evaluation;

/// <summary>Every figure the scorer derives from one set of ranked cases.</summary>
public sealed record EvaluationScores(
    int Cases,
    IReadOnlyList<LevelScores> Levels,
    IReadOnlyList<ChapterScores> Chapters,
    CalibrationScores Calibration,
    ChapterConfusion ChapterConfusion)
{
    /// <summary>The finest level any case was scored at: the level a model comparison is headlined by.</summary>
    public LevelScores Finest => Levels[^1];

    public LevelScores? At(int level) => Levels.FirstOrDefault(l => l.Level == level);
}
