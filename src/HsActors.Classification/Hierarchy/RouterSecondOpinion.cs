using HsActors.Learning;

namespace HsActors.Classification.Hierarchy;

/// <summary>
/// A second chapter model blended into the router's scores: multinomial naive Bayes over the same features. It errs
/// differently from the LinearSVC (it weighs every term of a chapter, not just the separating ones), so the blend
/// recalls the right chapter among its best five more often than either alone (measured in the README).
/// </summary>
/// <param name="Model">Naive Bayes joint log-likelihoods, one per chapter, in the router's chapter order.</param>
/// <param name="Weight">The blend: 0 is the LinearSVC alone, 1 naive Bayes alone; each standardised per description.</param>
public sealed record RouterSecondOpinion(MultinomialNaiveBayesModel Model, float Weight)
{
    public float Weight { get; } = Weight is >= 0f and <= 1f
        ? Weight
        : throw new ArgumentOutOfRangeException(nameof(Weight), Weight, "The naive Bayes blend weight must be between 0 and 1.");

    /// <summary>Replaces <paramref name="svmScores"/> by the blend of their standardised values and this model's.</summary>
    public void Blend(in SparseVector features, Span<float> svmScores)
    {
        Span<float> own = stackalloc float[svmScores.Length];
        Model.Score(features, own);
        Standardize(svmScores);
        Standardize(own);
        for (var c = 0; c < svmScores.Length; c++)
        {
            svmScores[c] = (1f - Weight) * svmScores[c] + Weight * own[c];
        }
    }

    /// <summary>Zero mean, unit deviation across chapters: the two models' scores live on unrelated scales.</summary>
    private static void Standardize(Span<float> scores)
    {
        var mean = 0f;
        foreach (var s in scores)
        {
            mean += s;
        }
        mean /= scores.Length;
        var variance = 0f;
        foreach (var s in scores)
        {
            variance += (s - mean) * (s - mean);
        }
        var scale = variance > 0f ? 1f / MathF.Sqrt(variance / scores.Length) : 0f;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = (scores[c] - mean) * scale;
        }
    }
}
