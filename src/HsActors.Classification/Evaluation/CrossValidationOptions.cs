using HsActors.Classification.Training;

namespace HsActors.Classification.Evaluation;

public sealed record CrossValidationOptions
{
    public int Folds { get; init; } = 5;

    public TrainingOptions Training { get; init; } = new();

    /// <summary>Also train the flat baselines of the paper on each fold, on the hierarchy's own TF-IDF features.</summary>
    public IReadOnlyList<FlatLearner> FlatLearners { get; init; } = [];

    public FlatModelOptions Flat { get; init; } = new();

    /// <summary>
    /// Learners of other libraries (ML.NET) trained on the same folds' cleansed text and row weights, on the folds the
    /// flat baselines run on; with any of them, our router alone is reported over chapters beside them.
    /// </summary>
    public IReadOnlyList<ITextBaseline> TextBaselines { get; init; } = [];

    /// <summary>
    /// Train and test the flat baselines on the first N folds only (0 = all). A flat one-vs-rest model over thousands
    /// of codes costs far more than the hierarchy; when they are restricted, the hierarchy is also reported on those
    /// same folds so the comparison stays like for like.
    /// </summary>
    public int FlatFolds { get; init; }

    /// <summary>Run only the first N of the <see cref="Folds"/> folds (0 = all): quick trials keep the same split.</summary>
    public int MaxFolds { get; init; }

    /// <summary>
    /// Run only fold N of the same split (0 = every fold up to <see cref="MaxFolds"/>), flat baselines included: the
    /// costly flat comparison can then be spread over several runs, one fold each.
    /// </summary>
    public int OnlyFold { get; init; }

    /// <summary>How many codes each model ranks per test row; top-k is read off the distinct prefixes of this list.</summary>
    public int RankingDepth { get; init; } = 10;

    /// <summary>When set, each fold's training and test rows and the hierarchy's rankings are written here.</summary>
    public string? ExportDirectory { get; init; }
}
