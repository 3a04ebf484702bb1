namespace HsActors.Classification.Evaluation;

/// <summary>
/// The outcome of grouped K-fold cross-validation. <see cref="FlatLevel"/> and <see cref="FlatClasses"/> describe the
/// label space of the flat baselines (0 when none were trained); <see cref="FlatFolds"/> how many folds (the first ones)
/// they were trained and tested on.
/// </summary>
public sealed record CrossValidationResult(
    int Folds, // the folds that ran: fewer than the split's with --max-folds
    int Declarations,
    int BaseRows,
    IReadOnlyList<int> FoldSizes,
    int FlatLevel,
    int FlatClasses,
    int FlatFolds,
    IReadOnlyList<ModelEvaluation> Models);
