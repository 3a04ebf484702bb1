namespace HsActors.Classification.Evaluation;

/// <summary>Where an evaluation is: fold (1-based, 0 outside cross-validation), stage, and items done of total.</summary>
public readonly record struct EvaluationProgress(int Fold, int Folds, string Stage, int Done, int Total);
