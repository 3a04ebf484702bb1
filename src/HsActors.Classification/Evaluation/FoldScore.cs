namespace HsActors.Classification.Evaluation;

/// <summary>One fold's headline: top-1 and top-5 at the finest level of that fold's test labels.</summary>
public sealed record FoldScore(int Fold, int TrainingRows, int TestRows, int Level, double Top1, double Top5);
