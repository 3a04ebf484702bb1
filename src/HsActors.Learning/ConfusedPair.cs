namespace HsActors.Learning;

/// <summary>One off-diagonal cell of a <see cref="ConfusionMatrix"/>: how often TrueLabel was predicted as PredictedLabel.</summary>
public readonly record struct ConfusedPair(int TrueLabel, int PredictedLabel, int Count);
