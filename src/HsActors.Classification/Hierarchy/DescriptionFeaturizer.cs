using HsActors.Learning;
using HsActors.Text;

namespace HsActors.Classification.Hierarchy;

/// <summary>Raw goods description → cleansed text → TF-IDF row: the one featurization the router and all chapters share.</summary>
public sealed class DescriptionFeaturizer(CleansingOptions cleansing, TfIdfVectorizer vectorizer)
{
    private readonly CleansingPipeline _pipeline = new(cleansing);

    public CleansingOptions Cleansing { get; } = cleansing;

    public TfIdfVectorizer Vectorizer { get; } = vectorizer;

    public string Clean(string raw) => _pipeline.Clean(raw);

    public SparseVector Featurize(string cleaned) => Vectorizer.Transform(cleaned);
}
