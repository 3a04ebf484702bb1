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

    /// <summary>The encoder, opened on first use (a third of a second, and some 90 MB).</summary>
    public SentenceEmbedder Embedder => _embedder.Value;

    /// <returns>False when the registry has no active index version (the stage keeps answering "fast").</returns>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pointer = await registry.GetPointerAsync(SemanticStage.RegistryKey, cancellationToken).ConfigureAwait(false);
            if (pointer?.Pointer.ActiveVersion is not { } version)
            {
                return false;
            }
            if (version == stage.IndexVersion)
            {
                return true;
            }
            var content = await registry.OpenVersionAsync(SemanticStage.RegistryKey, version, cancellationToken).ConfigureAwait(false);
            var source = $"{SemanticStage.RegistryKey}/{version}";
            var (index, _) = SemanticIndexFile.ReadForThisEncoder(content.Content, source);
            var corpusRows = index.Count;
            learner.Serve(Embedder, index, version);
            logger.LogInformation("Semantic stage serving index {Version}: {Rows:N0} rows ({Officers:N0} of them officers'), {MiB:F1} MiB of int8 vectors.",
                version, index.Count, index.Count - corpusRows, index.VectorBytes / (1024.0 * 1024.0));
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Publishes an index file (from <see cref="SemanticIndexFile.Write"/>) and makes it active when no index is.</summary>
    public async Task PublishAsync(byte[] file, string createdBy, CancellationToken cancellationToken)
    {
        var (index, metadata) = SemanticIndexFile.Read(file, "the semantic index to publish");
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
