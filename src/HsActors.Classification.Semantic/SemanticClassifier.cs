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
    private readonly IndonesianTextDetector language = language;

    public HierarchicalClassifier Hierarchy { get; } = hierarchy;

    public SemanticIndex Index => fusion.Index;

    public FusionOptions Options => fusion.Options;

    public SemanticClassification Classify(string description, int top, int level, ClassificationMode mode,
        string? category = null, IReadOnlyDictionary<string, string>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        return fusion.Refine(Rank(description, top, level, mode, category, attributes), description, top, level, mode, category, attributes);
    }

    /// <summary>
    /// Many lines at once: the hierarchy ranks each, the lines the mode sends to the encoder are encoded together in
    /// length-sorted batches, then each is fused as <see cref="Classify"/> would.
    /// </summary>
    public IReadOnlyList<SemanticClassification> ClassifyMany(IReadOnlyList<ListingLine> lines, int top, int level, ClassificationMode mode)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var ranked = lines.Select(l => Rank(l.Description, top, level, mode, l.Category, l.Attributes)).ToArray();
        fusion.Prefetch([.. lines.Where((l, i) => fusion.Consults(ranked[i], mode) && !language.IsIndonesian(l.Description))
            .Select(l => ListingText.Compose(l.Description, l.Category, l.Attributes))]);
        return [.. lines.Select((l, i) => fusion.Refine(ranked[i], l.Description, top, level, mode, l.Category, l.Attributes))];
    }

    /// <summary>The nearest rows' votes for an encoder input (cached by input).</summary>
    public NeighbourVotes Votes(string encoderInput) => fusion.Votes(encoderInput);

    private ClassificationResult Rank(string description, int top, int level, ClassificationMode mode, string? category, IReadOnlyDictionary<string, string>? attributes) =>
        Hierarchy.Classify(ListingText.Compose(description, category, attributes), fusion.HierarchyDepth(mode, top), level);
}
