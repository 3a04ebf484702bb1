namespace HsActors.Classification.Evaluation;

/// <summary>The single-level baselines of the paper's model comparison, trained over every code at one level.</summary>
public enum FlatLearner
{
    LinearSvc,
    MultinomialNaiveBayes,
    LogisticRegression,
}

public static class FlatLearnerNames
{
    public static string Describe(this FlatLearner learner) => learner switch
    {
        FlatLearner.LinearSvc => "flat LinearSVC",
        FlatLearner.MultinomialNaiveBayes => "flat Multinomial NB",
        FlatLearner.LogisticRegression => "flat logistic regression",
        _ => throw new ArgumentOutOfRangeException(nameof(learner), learner, "Unknown flat learner."),
    };
}
