namespace HsActors.Classification.Evaluation;

/// <summary>
/// The outcome of grouped K-fold cross-validation. <see cref="FlatLevel"/> and <see cref="FlatClasses"/> describe the
/// label space of the flat baselines (0 when none were trained).
/// </summary>
public sealed record CrossValidationResult(
    int Folds,
    int Declarations,
    int BaseRows,
    IReadOnlyList<int> FoldSizes,
    int FlatLevel,
    int FlatClasses,
    IReadOnlyList<ModelEvaluation> Models);
