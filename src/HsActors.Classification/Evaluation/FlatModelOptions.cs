using HsActors.Learning;

namespace HsActors.Classification.Evaluation;

public sealed record FlatModelOptions
{
    public LinearSvcOptions Svm { get; init; } = new();

    public double NaiveBayesAlpha { get; init; } = 1.0;

    public double LogisticC { get; init; } = 1.0;

    public int LogisticMaxIterations { get; init; } = 100;

    /// <summary>
    /// Upper bound on one weight matrix in memory. A flat model over thousands of codes × hundreds of thousands of
    /// features would not fit, so classes are trained in chunks of at most this many weights (see <see cref="FlatRanker"/>).
    /// </summary>
    public long WeightBudgetBytes { get; init; } = 1L << 30;
}
