using HsActors.Classification.Hierarchy;
using HsActors.Classification.Listings;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Classification.Semantic.Index;

namespace HsActors.Classification.Semantic;

/// <summary>
/// The semantic stage over a ranking the hierarchy has already made: by mode, that ranking as it is, the ranking unless
/// the hierarchy is unsure (the cascade), or always fused with the nearest index rows' votes. Indonesian lines keep the
/// hierarchy's answer in every mode. Thread-safe. Whoever ranks with the hierarchy (a model directory's classifier, or
/// the silo's per-line classifier over its pinned chapter models) hands its ranking here. Under load the cascade sends
/// a line to the encoder only while <paramref name="admission"/> has a slot free (embeddings already cached need none).
/// </summary>
public sealed class SemanticFusion(SentenceEmbedder embedder, SemanticIndex index, IndonesianTextDetector language, FusionOptions options, EmbeddingCache cache,
    EncoderAdmission? admission = null)
{
    private readonly EncoderAdmission admission = admission ?? EncoderAdmission.Unlimited;

    public SentenceEmbedder Embedder { get; } = embedder;

    public SemanticIndex Index { get; } = index;

    public FusionOptions Options { get; } = options;

    /// <summary>How many of the hierarchy's codes a line in <paramref name="mode"/> needs: more than it shows, so votes can lift lower ones.</summary>
    public int HierarchyDepth(ClassificationMode mode, int top) => mode == ClassificationMode.Fast ? top : Math.Max(top, Options.HierarchyDepth);

    /// <param name="hierarchy">The hierarchy's ranking of the line (of its <see cref="ListingText"/>), <see cref="HierarchyDepth"/> deep.</param>
    public SemanticClassification Refine(ClassificationResult hierarchy, string description, int top, int level, ClassificationMode mode,
        string? category = null, IReadOnlyDictionary<string, string>? attributes = null)
    {
        ArgumentNullException.ThrowIfNull(hierarchy);
        ArgumentNullException.ThrowIfNull(description);
        if (mode == ClassificationMode.Fast)
        {
            return new(Cut(hierarchy, top), false, false);
        }
        var indonesian = language.IsIndonesian(description);
        if (indonesian || !Options.SendsToEncoder(hierarchy, mode))
        {
            return new(Cut(hierarchy, top), false, indonesian);
        }
        var input = ListingText.Compose(description, category, attributes);
        if (!cache.TryGet(input, out var query))
        {
            if (!admission.TryEnter(mustEncode: mode == ClassificationMode.Full))
            {
                return new(Cut(hierarchy, top), false, false, EncoderBusy: true);
            }
            try
            {
                query = cache.Add(input, Embedder.EmbedQuery(input));
            }
            finally
            {
                admission.Exit();
            }
        }
        return new(hierarchy with { Recommendations = RankFusion.Fuse(hierarchy, Search(query), Options, top, level) }, true, false);
    }

    /// <summary>The nearest rows' votes for an encoder input (cached by input).</summary>
    public NeighbourVotes Votes(string encoderInput) => Search(cache.GetOrAdd(encoderInput, Embedder.EmbedQuery));

    private NeighbourVotes Search(float[] query)
    {
        var nearest = new Neighbour[Options.Neighbours];
        var found = Index.Search(query, nearest);
        return new NeighbourVotes(nearest.AsSpan(0, found), Options.Temperature);
    }

    private static ClassificationResult Cut(ClassificationResult result, int top) =>
        result.Recommendations.Count <= top ? result : result with { Recommendations = [.. result.Recommendations.Take(top)] };
}
