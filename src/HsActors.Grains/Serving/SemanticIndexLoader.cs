using HsActors.Abstractions.Models;
using HsActors.Classification.ModelFiles;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Index;
using HsActors.Grains.Models;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Serving;

/// <summary>
/// Brings the semantic index's active registry version into this silo's <see cref="SemanticStage"/>: at start-up, and
/// whenever its pointer changes (promotion or rollback, pushed like every other pointer change), with every officer's
/// assessment of the ledger replayed into it by <see cref="SemanticAssessmentLearner"/> before it serves. The encoder
/// session is opened once, on the first load, and kept for the silo's lifetime.
/// </summary>
public sealed class SemanticIndexLoader(SemanticStage stage, IModelRegistry registry, EncoderOptions encoder, SemanticAssessmentLearner learner,
    ILogger<SemanticIndexLoader> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    // The start-up build and a pushed refresh may both ask first; one session only.
    private readonly Lazy<SentenceEmbedder> _embedder = new(() => new SentenceEmbedder(encoder));

    /// <summary>The encoder, opened on first use (half a second, its int8 graph quantised as it opens).</summary>
    public SentenceEmbedder Embedder => _embedder.Value;

    /// <returns>
    /// Whether the active version serves; when there is none, or another encoder built it, the stage keeps what it
    /// served before (nothing at start-up: every line is answered "fast").
    /// </returns>
    public async Task<SemanticIndexStatus> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pointer = await registry.GetPointerAsync(SemanticStage.RegistryKey, cancellationToken).ConfigureAwait(false);
            if (pointer?.Pointer.ActiveVersion is not { } version)
            {
                return SemanticIndexStatus.NoActiveVersion;
            }
            if (version == stage.IndexVersion)
            {
                return SemanticIndexStatus.Serving;
            }
            var content = await registry.OpenVersionAsync(SemanticStage.RegistryKey, version, cancellationToken).ConfigureAwait(false);
            var (index, _) = SemanticIndexFile.Read(content.Content, $"{SemanticStage.RegistryKey}/{version}");
            if (!SemanticIndexFile.IsThisEncoders(index))
            {
                logger.LogWarning("Semantic index {Version} was built by '{Encoder}', not by this build's encoder '{ThisEncoder}'; it is not served.",
                    version, index.EncoderId, MiniLmResources.EncoderId);
                return SemanticIndexStatus.OtherEncoder;
            }
            var corpusRows = index.Count;
            learner.Serve(Embedder, index, version);
            logger.LogInformation("Semantic stage serving index {Version}: {Rows:N0} rows ({Officers:N0} of them officers'), {MiB:F1} MiB of int8 vectors.",
                version, index.Count, index.Count - corpusRows, index.VectorBytes / (1024.0 * 1024.0));
            return SemanticIndexStatus.Serving;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Publishes an index file (from <see cref="SemanticIndexFile.Write"/>) of this build's encoder and makes it active
    /// when no index is, or, with <paramref name="replaceActive"/>, in place of the active one (an earlier encoder's).
    /// </summary>
    public async Task PublishAsync(byte[] file, string createdBy, bool replaceActive, CancellationToken cancellationToken)
    {
        var (index, metadata) = SemanticIndexFile.ReadForThisEncoder(file, "the semantic index to publish");
        var draft = new ModelVersionDraft
        {
            Version = ModelSetPublisher.VersionOf(metadata, DateTimeOffset.UtcNow),
            CreatedBy = createdBy,
            CreatedAt = metadata.CreatedAt == default ? null : metadata.CreatedAt,
            TrainingSummary = new Dictionary<string, TrainingSummaryValue> { ["encoder"] = index.EncoderId, ["rows"] = index.Count },
            Figures = metadata.Figures.Where(f => double.IsFinite(f.Value)).ToDictionary(f => f.Key, f => f.Value),
            Notes = "Embedding index of the semantic stage.",
        };
        await new ModelSetPublisher(registry, createdBy).PublishAndPromoteAsync(SemanticStage.RegistryKey, file, draft, cancellationToken).ConfigureAwait(false);
        if (!replaceActive)
        {
            return;
        }
        var pointer = await registry.GetPointerAsync(SemanticStage.RegistryKey, cancellationToken).ConfigureAwait(false);
        if (pointer?.Pointer.ActiveVersion != draft.Version)
        {
            await registry.PromoteAsync(SemanticStage.RegistryKey, draft.Version, createdBy, pointer?.ETag,
                "The active index was built by another encoder than this build's.", cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (_embedder.IsValueCreated)
        {
            _embedder.Value.Dispose();
        }
        _gate.Dispose();
    }
}
