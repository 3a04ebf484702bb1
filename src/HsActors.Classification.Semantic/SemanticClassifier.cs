using HsActors.Classification.Hierarchy;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Classification.Semantic.Index;

namespace HsActors.Classification.Semantic;

/// <summary>
/// The hierarchy with the semantic stage beside it: per line, by mode, the hierarchy alone, the hierarchy unless it is
/// unsure (the cascade), or always fused with the nearest index rows' votes. Indonesian lines keep the hierarchy's
/// answer in every mode. Thread-safe.
/// </summary>
public sealed class SemanticClassifier(HierarchicalClassifier hierarchy, SentenceEmbedder embedder, SemanticIndex index,
    IndonesianTextDetector language, FusionOptions options, EmbeddingCache cache)
{
    public HierarchicalClassifier Hierarchy { get; } = hierarchy;

    public SemanticIndex Index { get; } = index;

    public FusionOptions Options { get; } = options;

    public SemanticClassification Classify(string description, int top, int level, ClassificationMode mode,
        string? category = null, IReadOnlyDictionary<string, string>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(description);
        if (mode == ClassificationMode.Fast)
        {
            return new(Hierarchy.Classify(description, top, level), false, false);
        }
        var result = Hierarchy.Classify(description, Math.Max(top, Options.HierarchyDepth), level);
        var indonesian = language.IsIndonesian(description);
        var sure = result.Recommendations.Count > 0 && result.Recommendations[0].Probability >= Options.CascadeThreshold;
        if (indonesian || mode == ClassificationMode.Cascade && sure)
        {
            return new(Cut(result, top), false, indonesian);
        }
        var votes = Votes(EncoderInput.Compose(description, category, attributes));
        return new(result with { Recommendations = RankFusion.Fuse(result, votes, Options, top, level) }, true, false);
    }

    /// <summary>The nearest rows' votes for an encoder input (cached by input).</summary>
    public NeighbourVotes Votes(string encoderInput)
    {
        var query = cache.GetOrAdd(encoderInput, embedder.Embed);
        var nearest = new Neighbour[Options.Neighbours];
        var found = Index.Search(query, nearest);
        return new NeighbourVotes(nearest.AsSpan(0, found), Options.Temperature);
    }

    private static ClassificationResult Cut(ClassificationResult result, int top) =>
        result.Recommendations.Count <= top ? result : result with { Recommendations = [.. result.Recommendations.Take(top)] };
}
