namespace HsActors.Classification.Evaluation;

/// <summary>A model's headline figures at its finest scored level (ChapterTop1 is top-1 at two digits).</summary>
public sealed record HeadlineRow(
    string Model,
    int Level,
    int Support,
    double ChapterTop1,
    double Top1,
    double Top3,
    double Top5,
    double MacroF1,
    double WeightedF1,
    double ExpectedCalibrationError,
    double FoldTop1Mean,
    double FoldTop1StandardDeviation,
    TimeSpan TrainingTime,
    TimeSpan RankingTime,
    TimeSpan RankingPerLine);
