using HsActors.Classification.Hierarchy;
using HsActors.Classification.Semantic;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Classification.Semantic.Index;
using HsActors.Contracts;
using HsActors.Nomenclature;
using ChapterProbability = HsActors.Classification.Hierarchy.ChapterProbability;

namespace HsActors.Grains.Serving;

/// <summary>
/// This silo's sentence encoder and embedding index, once loaded, and the rule of when they take part in a line's
/// ranking (the request's mode, else the silo's default). Until an index is loaded every line is answered by the
/// hierarchy alone and says so. Thread-safe: the index is swapped whole, and searches read whichever was current.
/// </summary>
public sealed class SemanticStage(FusionOptions fusion, IndonesianTextDetector language, EmbeddingCache cache, string defaultMode)
{
    /// <summary>The model registry key the index's versions live under, beside the router's and the chapters'.</summary>
    public const string RegistryKey = "semantic";

    private volatile Loaded? _loaded;

    public FusionOptions Fusion { get; } = fusion;

    /// <summary>The mode a line without one gets (<see cref="ClassificationModes"/>).</summary>
    public string DefaultMode { get; } = ClassificationModes.IsKnown(defaultMode) ? defaultMode
        : throw new ArgumentException($"The default mode must be one of {string.Join(", ", ClassificationModes.All)}, not '{defaultMode}'.", nameof(defaultMode));

    /// <summary>The index version serving now; null while none is loaded.</summary>
    public string? IndexVersion => _loaded?.Version;

    /// <summary>Rows in the index now, officers' rows included.</summary>
    public int IndexRows => _loaded?.Index.Count ?? 0;

    /// <summary>Starts serving <paramref name="index"/> (replacing any earlier one) with <paramref name="embedder"/>.</summary>
    public void Serve(SentenceEmbedder embedder, SemanticIndex index, string version)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(index);
        _loaded = new Loaded(embedder, index, version);
    }

    /// <summary>The mode a line is answered in: what it asked for (or the default), and "fast" while no index is loaded.</summary>
    public string ModeFor(string? requested) => _loaded is null ? ClassificationModes.Fast : requested ?? DefaultMode;

    /// <summary>How many of the hierarchy's codes a line in <paramref name="mode"/> needs before fusion.</summary>
    public int HierarchyDepth(string mode, int top) => mode == ClassificationModes.Fast ? top : Math.Max(top, Fusion.HierarchyDepth);

    /// <summary>
    /// The line's final ranking: the hierarchy's, cut to <paramref name="top"/>, unless the mode asks for the encoder
    /// (always in "full"; in "cascade" when the hierarchy's first code is below the threshold) and the description is not
    /// Indonesian (the encoder is English), in which case the nearest index rows' votes are fused in.
    /// </summary>
    public (IReadOnlyList<CodeRecommendation> Ranking, bool EncoderConsulted) Rank(ClassifyRequest line, string cleaned,
        IReadOnlyList<CodeRecommendation> hierarchy, IReadOnlyList<ChapterProbability> chapters, string mode, int top, int level)
    {
        var loaded = _loaded;
        var unsure = hierarchy.Count == 0 || hierarchy[0].Probability < Fusion.CascadeThreshold;
        if (loaded is null || mode == ClassificationModes.Fast || mode == ClassificationModes.Cascade && !unsure || language.IsIndonesian(line.Description))
        {
            return (hierarchy.Count <= top ? hierarchy : [.. hierarchy.Take(top)], false);
        }
        var input = EncoderInput.Compose(line.Description, line.Category, line.Attributes);
        var query = cache.GetOrAdd(input, loaded.Embedder.Embed);
        var nearest = new Neighbour[Fusion.Neighbours];
        var found = loaded.Index.Search(query, nearest);
        var votes = new NeighbourVotes(nearest.AsSpan(0, found), Fusion.Temperature);
        return (RankFusion.Fuse(new ClassificationResult(cleaned, hierarchy, chapters), votes, Fusion, top, level), true);
    }

    /// <summary>An officer's assessed description joins the index at once: the next search finds it.</summary>
    public void Learn(string description, HsCode code)
    {
        if (_loaded is { } loaded && !language.IsIndonesian(description))
        {
            SemanticIndexBuilder.Add(loaded.Index, loaded.Embedder, [(description, code)]);
        }
    }

    private sealed record Loaded(SentenceEmbedder Embedder, SemanticIndex Index, string Version);
}
