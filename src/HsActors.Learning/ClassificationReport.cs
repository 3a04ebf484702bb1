namespace HsActors.Learning;

/// <summary>
/// Summary scores of a classifier, defined as scikit-learn's accuracy_score and precision_recall_fscore_support
/// (labels = union of truth and predictions, zero_division = 0). Support is the number of samples.
/// </summary>
public sealed record ClassificationReport(double Accuracy, double MacroPrecision, double MacroRecall, double MacroF1,
    double WeightedPrecision, double WeightedRecall, double WeightedF1, int Support);
