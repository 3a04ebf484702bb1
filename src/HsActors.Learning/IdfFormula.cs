namespace HsActors.Learning;

/// <summary>How the inverse document frequency (and, for <see cref="Paper"/>, the term frequency) is weighted.</summary>
public enum IdfFormula
{
    /// <summary>scikit-learn's default: idf = ln((1 + N) / (1 + df)) + 1; tf is the raw (or sublinear) count.</summary>
    Smooth,

    /// <summary>
    /// The seed paper's TF-IDF(t, d) = f(t, d) / N_d × ln(N / (1 + df)): tf is divided by the number of n-grams in the
    /// document. Terms present in (almost) every document get a weight of zero or below.
    /// </summary>
    Paper,
}
