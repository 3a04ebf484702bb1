using HsActors.Learning;

namespace HsActors.Classification.Explanations;

/// <summary>
/// The features of one cleansed description with their tf-idf values, reused for every recommendation explained. Term
/// texts are looked up only for the few terms an explanation shows: re-tokenising the description for every line
/// cost more than half as much as ranking it.
/// </summary>
public sealed class DescriptionTerms
{
    private readonly TfIdfVectorizer _vectorizer;
    private readonly string _cleanedDescription;
    private Dictionary<int, string>? _hashedTerms;

    private DescriptionTerms(TfIdfVectorizer vectorizer, string cleanedDescription, int[] features, float[] values)
    {
        _vectorizer = vectorizer;
        _cleanedDescription = cleanedDescription;
        Features = features;
        Values = values;
    }

    /// <summary>Global feature ids, ascending; <see cref="Values"/> holds their tf-idf values at the same positions.</summary>
    public IReadOnlyList<int> Features { get; }

    public IReadOnlyList<float> Values { get; }

    /// <param name="features">The vectorizer's row for <paramref name="cleanedDescription"/>, which supplies the values.</param>
    public static DescriptionTerms Of(TfIdfVectorizer vectorizer, string cleanedDescription, in SparseVector features)
    {
        ArgumentNullException.ThrowIfNull(vectorizer);
        ArgumentNullException.ThrowIfNull(cleanedDescription);
        return new DescriptionTerms(vectorizer, cleanedDescription, features.Indices ?? [], features.Values ?? []);
    }

    /// <summary>The text shown for a feature of this description (in hashing mode, the first n-gram that hashed to it).</summary>
    public string TermOf(int feature)
    {
        if (_vectorizer.TermOf(feature) is { } term)
        {
            return term;
        }
        _hashedTerms ??= HashedTerms();
        return _hashedTerms.TryGetValue(feature, out var hashed) ? hashed : $"#{feature}";
    }

    private Dictionary<int, string> HashedTerms()
    {
        var terms = new Dictionary<int, string>();
        foreach (var (term, feature) in _vectorizer.Terms(_cleanedDescription))
        {
            terms.TryAdd(feature, term);
        }
        return terms;
    }
}
