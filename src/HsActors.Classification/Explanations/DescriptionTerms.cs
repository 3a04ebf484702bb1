using HsActors.Learning;

namespace HsActors.Classification.Explanations;

/// <summary>
/// The terms of one cleansed description with their global feature and tf-idf value: computed once per line and
/// reused for every recommendation explained.
/// </summary>
public sealed class DescriptionTerms
{
    private DescriptionTerms((string Term, int Feature, float Value)[] terms) => Terms = terms;

    public IReadOnlyList<(string Term, int Feature, float Value)> Terms { get; }

    /// <param name="features">The vectorizer's row for <paramref name="cleanedDescription"/>, which supplies the values.</param>
    public static DescriptionTerms Of(TfIdfVectorizer vectorizer, string cleanedDescription, in SparseVector features)
    {
        ArgumentNullException.ThrowIfNull(vectorizer);
        var terms = new List<(string, int, float)>();
        foreach (var (term, feature) in vectorizer.Terms(cleanedDescription))
        {
            var at = Array.BinarySearch(features.Indices, feature);
            if (at >= 0)
            {
                terms.Add((term, feature, features.Values[at]));
            }
        }
        return new DescriptionTerms([.. terms]);
    }
}
