using HsActors.Abstractions.Models;
using HsActors.Classification.ModelFiles;
using HsActors.ModelRegistry;

namespace HsActors.Grains.Models;

/// <summary>
/// Publishes a model directory (router and chapters, as <c>hs train</c> or the silo's first start writes it) into a
/// model registry as one version per key, and promotes each key that has no active version yet. Chapters go first and
/// the router last, so a registry whose router is active holds a complete set; a crash half-way is resumed by running
/// again (already published versions are kept, promoted keys are left alone).
/// </summary>
public sealed class ModelSetPublisher(IModelRegistry registry, string createdBy = ModelSetPublisher.Bootstrap)
{
    public const string Bootstrap = "bootstrap";

    /// <returns>The version id every key was published under.</returns>
    public async Task<string> PublishAsync(string directory, CancellationToken cancellationToken = default)
    {
        var routerPath = Path.Combine(directory, ModelDirectory.RouterFile);
        var routerBytes = await File.ReadAllBytesAsync(routerPath, cancellationToken).ConfigureAwait(false);
        var (_, metadata) = RouterModelFile.Read(routerBytes, routerPath);
        var version = VersionOf(metadata, metadata.CreatedAt);
        var chapterFiles = Directory.Exists(Path.Combine(directory, "chapters"))
            ? Directory.GetFiles(Path.Combine(directory, "chapters"), "*.hsm").Order(StringComparer.Ordinal).ToArray()
            : [];
        foreach (var file in chapterFiles)
        {
            var chapter = Path.GetFileNameWithoutExtension(file);
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            await PublishAndPromoteAsync(chapter, bytes, Draft(version, metadata, chapterFiles.Length), cancellationToken).ConfigureAwait(false);
        }
        await PublishAndPromoteAsync(IModelStore.RouterKey, routerBytes, Draft(version, metadata, chapterFiles.Length), cancellationToken).ConfigureAwait(false);
        return version;
    }

    private ModelVersionDraft Draft(string version, ModelMetadata metadata, int chapters) => new()
    {
        Version = version,
        CreatedBy = createdBy,
        CreatedAt = metadata.CreatedAt == default ? null : metadata.CreatedAt,
        TrainingSummary = new Dictionary<string, TrainingSummaryValue>
        {
            ["source"] = "model directory",
            ["trainedBy"] = string.IsNullOrWhiteSpace(metadata.CreatedBy) ? "unknown" : metadata.CreatedBy,
            ["rows"] = metadata.TrainingRows,
            ["chapters"] = chapters,
        },
        Figures = metadata.Figures.Where(f => double.IsFinite(f.Value)).ToDictionary(f => f.Key, f => f.Value),
        Notes = "Published from a trained model directory at first start.",
    };

    /// <summary>The registry id a model file's version gets: its own when the registry accepts it, else a new one stamped <paramref name="otherwiseAt"/>.</summary>
    public static string VersionOf(ModelMetadata metadata, DateTimeOffset otherwiseAt)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return ModelKeys.IsValid(metadata.Version, ModelKeys.MaxVersionLength) ? metadata.Version : ModelVersionIds.New(otherwiseAt);
    }

    /// <summary>Publishes one version (kept if an earlier, interrupted run published it whole) and promotes it if the key has no active version.</summary>
    public async Task PublishAndPromoteAsync(string key, byte[] content, ModelVersionDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrEmpty(draft.Version, nameof(draft));
        try
        {
            await registry.PublishAsync(key, content, draft, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelVersionAlreadyExistsException)
        {
            // Published by an earlier, interrupted start: the manifest is written last, so its presence means complete.
            if (await registry.GetManifestAsync(key, draft.Version!, cancellationToken).ConfigureAwait(false) is null)
            {
                throw;
            }
        }
        var pointer = await registry.GetPointerAsync(key, cancellationToken).ConfigureAwait(false);
        if (pointer?.Pointer.ActiveVersion is null)
        {
            await registry.PromoteAsync(key, draft.Version!, createdBy, pointer?.ETag, "initial model", cancellationToken).ConfigureAwait(false);
        }
    }
}
