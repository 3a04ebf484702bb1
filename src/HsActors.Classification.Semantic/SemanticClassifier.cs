using HsActors.Classification.Hierarchy;
using HsActors.Classification.Listings;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Classification.Semantic.Index;

namespace HsActors.Classification.Semantic;

/// <summary>
/// A model directory's hierarchy with the semantic stage beside it: the hierarchy ranks the line's
/// <see cref="ListingText"/>, <see cref="SemanticFusion"/> decides by mode whether and how the nearest index rows change
/// that ranking. Thread-safe.
/// </summary>
public sealed class SemanticClassifier(HierarchicalClassifier hierarchy, SentenceEmbedder embedder, SemanticIndex index,
    IndonesianTextDetector language, FusionOptions options, EmbeddingCache cache)
{
    private readonly SemanticFusion fusion = new(embedder, index, language, options, cache);

    public HierarchicalClassifier Hierarchy { get; } = hierarchy;

    public SemanticIndex Index => fusion.Index;

    public FusionOptions Options => fusion.Options;

    public SemanticClassification Classify(string description, int top, int level, ClassificationMode mode,
        string? category = null, IReadOnlyDictionary<string, string>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        return fusion.Refine(Rank(description, top, level, mode, category, attributes), description, top, level, mode, category, attributes);
    }

    /// <summary>The nearest rows' votes for an encoder input (cached by input).</summary>
    public NeighbourVotes Votes(string encoderInput) => fusion.Votes(encoderInput);

    private ClassificationResult Rank(string description, int top, int level, ClassificationMode mode, string? category, IReadOnlyDictionary<string, string>? attributes) =>
        Hierarchy.Classify(ListingText.Compose(description, category, attributes), fusion.HierarchyDepth(mode, top), level);
}
