namespace HsActors.Classification.Evaluation;

/// <summary>
/// A learner from another library measured beside the hierarchy on the same folds (see <see cref="CrossValidator"/>).
/// It brings its own featurization, so it gets the cleansed text rather than our TF-IDF vectors; this library stays
/// free of that learner's dependencies.
/// </summary>
public interface ITextBaseline
{
    /// <summary>The row name in the report.</summary>
    string Name { get; }

    /// <summary>The code length it classifies at (2 = chapters, the router's role; 4, 6): every row is cut to it.</summary>
    int Level { get; }

    /// <summary>Trains on one fold's rows; the returned ranker is used from one thread at a time.</summary>
    ITextRanker Train(IReadOnlyList<TextTrainingRow> rows);
}
