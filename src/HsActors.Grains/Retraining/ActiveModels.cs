using HsActors.Abstractions.Models;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.ModelFiles;
using HsActors.Grains.Models;

namespace HsActors.Grains.Retraining;

/// <summary>
/// The registry's active versions as the retrainers need them: the router (for its featurizer, which every chapter's
/// features index into) decoded once per version, and a chapter's active model with its manifest.
/// </summary>
public sealed class ActiveModels(IModelRegistry registry)
{
    private readonly SemaphoreSlim _routerGate = new(1, 1);
    private (string Version, RouterModel Router)? _router;

    public IModelRegistry Registry { get; } = registry;

    public async Task<(RouterModel Router, ModelVersionManifest Manifest)> RouterAsync(CancellationToken cancellationToken)
    {
        var pointer = await Registry.GetPointerAsync(IModelStore.RouterKey, cancellationToken).ConfigureAwait(false);
        var version = pointer?.Pointer.ActiveVersion ?? throw new InvalidOperationException("The registry has no active router to retrain against.");
        var manifest = await Registry.GetManifestAsync(IModelStore.RouterKey, version, cancellationToken).ConfigureAwait(false)
            ?? throw new ModelVersionNotFoundException(IModelStore.RouterKey, version, "its manifest is missing.");
        await _routerGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_router is { } cached && cached.Version == version)
            {
                return (cached.Router, manifest);
            }
            var content = await Registry.OpenVersionAsync(IModelStore.RouterKey, version, cancellationToken).ConfigureAwait(false);
            var router = RouterModelFile.Read(content.Content, $"router/{version}").Router;
            _router = (version, router);
            return (router, manifest);
        }
        finally
        {
            _routerGate.Release();
        }
    }

    /// <summary>The chapter's active model and manifest; nulls when the chapter has no active version yet.</summary>
    public async Task<(ChapterModel? Model, ModelVersionManifest? Manifest, StoredPointer? Pointer)> ChapterAsync(string chapter, CancellationToken cancellationToken)
    {
        var pointer = await Registry.GetPointerAsync(chapter, cancellationToken).ConfigureAwait(false);
        if (pointer?.Pointer.ActiveVersion is not { } version)
        {
            return (null, null, pointer);
        }
        var content = await Registry.OpenVersionAsync(chapter, version, cancellationToken).ConfigureAwait(false);
        return (ChapterModelFile.Read(content.Content, $"{chapter}/{version}").Chapter, content.Manifest, pointer);
    }

    /// <summary>The offset up to which the key's newest version (any status) included assessments; 0 when none did.</summary>
    public async Task<long> AssessmentsThroughAsync(string key, CancellationToken cancellationToken)
    {
        var versions = await Registry.ListVersionsAsync(key, cancellationToken).ConfigureAwait(false);
        foreach (var manifest in versions)
        {
            if (manifest.TrainingSummary.TryGetValue(RetrainingSummary.AssessmentsThrough, out var through) && through.Number is { } n)
            {
                return (long)n;
            }
        }
        return 0;
    }
}
