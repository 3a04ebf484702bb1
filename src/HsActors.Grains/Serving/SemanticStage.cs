using HsActors.Classification.Hierarchy;
using HsActors.Classification.Semantic;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Classification.Semantic.Index;
using HsActors.Contracts;
using ChapterProbability = HsActors.Classification.Hierarchy.ChapterProbability;

namespace HsActors.Grains.Serving;

/// <summary>
/// This silo's sentence encoder and embedding index, once loaded, and the mode a line is answered in (the request's,
/// else the silo's default). Until an index is loaded every line is answered by the hierarchy alone and says so. The
/// rule of when the encoder takes part is <see cref="SemanticFusion"/>'s. Thread-safe: the index is swapped whole, and
/// a line ranks with whichever was current. <paramref name="admission"/> bounds the encodes in flight across indexes.
/// </summary>
public sealed class SemanticStage(FusionOptions options, IndonesianTextDetector language, EmbeddingCache cache, string defaultMode,
    EncoderAdmission? admission = null)
{
    private readonly EncoderAdmission _admission = admission ?? EncoderAdmission.Unlimited;

    /// <summary>The model registry key the index's versions live under, beside the router's and the chapters'.</summary>
    public const string RegistryKey = "semantic";

    private volatile Loaded? _loaded;

    /// <summary>The mode a line without one gets (<see cref="ClassificationModes"/>).</summary>
    public string DefaultMode { get; } = ClassificationModes.IsKnown(defaultMode) ? defaultMode
        : throw new ArgumentException($"The default mode must be one of {string.Join(", ", ClassificationModes.All)}, not '{defaultMode}'.", nameof(defaultMode));

    /// <summary>The index version serving now; null while none is loaded.</summary>
    public string? IndexVersion => _loaded?.Version;

    /// <summary>Rows in the index now, officers' rows included.</summary>
    public int IndexRows => _loaded?.Fusion.Index.Count ?? 0;

    /// <summary>
    /// Starts serving <paramref name="index"/> (replacing any earlier one) with <paramref name="embedder"/>. Officers' rows
    /// are <see cref="SemanticAssessmentLearner"/>'s to add: it replays them into an index before calling this.
    /// </summary>
    public void Serve(SentenceEmbedder embedder, SemanticIndex index, string version) =>
        _loaded = new Loaded(new SemanticFusion(embedder, index, language, options, cache, _admission), version);

    /// <summary>The mode a line is answered in: what it asked for (or the default), and "fast" while no index is loaded.</summary>
    public string ModeFor(string? requested) => _loaded is null ? ClassificationModes.Fast : requested ?? DefaultMode;

    /// <summary>How many of the hierarchy's codes a line in <paramref name="mode"/> needs before fusion.</summary>
    public int HierarchyDepth(string mode, int top) => _loaded is { } loaded ? loaded.Fusion.HierarchyDepth(Mode(mode), top) : top;

    /// <summary>The line's final ranking from the hierarchy's, whether the encoder took part, and whether it was too busy to.</summary>
    public (IReadOnlyList<CodeRecommendation> Ranking, bool EncoderConsulted, bool EncoderBusy) Rank(ClassifyRequest line, string cleaned,
        IReadOnlyList<CodeRecommendation> hierarchy, IReadOnlyList<ChapterProbability> chapters, string mode, int top, int level)
    {
        // The fast path stays as it was without the stage: no result object, no fusion call.
        if (_loaded is not { } loaded || mode == ClassificationModes.Fast)
        {
            return (hierarchy.Count <= top ? hierarchy : [.. hierarchy.Take(top)], false, false);
        }
        var refined = loaded.Fusion.Refine(new ClassificationResult(cleaned, hierarchy, chapters), line.Description, top, level, Mode(mode), line.Category, line.Attributes);
        return (refined.Result.Recommendations, refined.EncoderConsulted, refined.EncoderBusy);
    }

    private static ClassificationMode Mode(string mode) => mode switch
    {
        ClassificationModes.Fast => ClassificationMode.Fast,
        ClassificationModes.Full => ClassificationMode.Full,
        _ => ClassificationMode.Cascade,
    };

    private sealed record Loaded(SemanticFusion Fusion, string Version);
}
