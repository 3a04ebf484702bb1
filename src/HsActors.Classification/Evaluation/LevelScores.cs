using HsActors.Learning;

namespace HsActors.Classification.Evaluation;

/// <summary>
/// Scores at one code length over the cases whose truth is at least that long. Top-k counts distinct prefixes;
/// <see cref="Top1Report"/> is the paper's accuracy / precision / recall / F1 of the first prediction.
/// </summary>
public sealed record LevelScores(int Level, int Support, double Top1, double Top3, double Top5, ClassificationReport Top1Report);
