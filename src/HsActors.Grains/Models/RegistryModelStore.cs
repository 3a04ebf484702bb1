using System.Runtime.CompilerServices;
using HsActors.Abstractions.Models;
using HsActors.Classification.ModelFiles;
using HsActors.Nomenclature;

namespace HsActors.Grains.Models;

/// <summary>
/// The grains' view of an <see cref="IModelRegistry"/>: pointers and verified version blobs. A version's own metadata
/// is re-labelled with its registry id, so answers name the version administrators see.
/// </summary>
public sealed class RegistryModelStore(IModelRegistry registry, string description) : IModelStore
{
    public IModelRegistry Registry { get; } = registry;

    public string Describe() => description;

    public async Task<bool> HasModelAsync(CancellationToken cancellationToken = default) =>
        (await Registry.GetPointerAsync(IModelStore.RouterKey, cancellationToken).ConfigureAwait(false))?.Pointer.ActiveVersion is not null;

    public Task<StoredPointer?> ReadPointerAsync(string key, CancellationToken cancellationToken = default) =>
        Registry.GetPointerAsync(key, cancellationToken);

    public async Task<VersionedRouter> ReadRouterAsync(string version, CancellationToken cancellationToken = default)
    {
        var content = await Registry.OpenVersionAsync(IModelStore.RouterKey, version, cancellationToken).ConfigureAwait(false);
        var (router, metadata) = Decode(IModelStore.RouterKey, version, () => RouterModelFile.Read(content.Content, Source(IModelStore.RouterKey, version)));
        return new VersionedRouter(router, metadata with { Version = version });
    }

    public async Task<VersionedChapter> ReadChapterAsync(HsCode chapter, string version, CancellationToken cancellationToken = default)
    {
        var content = await Registry.OpenVersionAsync(chapter.Digits, version, cancellationToken).ConfigureAwait(false);
        var (model, metadata) = Decode(chapter.Digits, version, () => ChapterModelFile.Read(content.Content, Source(chapter.Digits, version)));
        return new VersionedChapter(model, metadata with { Version = version });
    }

    public async IAsyncEnumerable<string> WatchAsync(TimeSpan interval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var notice in Registry.WatchPointersAsync(interval, includeExisting: true, cancellationToken).ConfigureAwait(false))
        {
            yield return notice.Chapter;
        }
    }

    private static string Source(string key, string version) => $"model version {key}/{version}";

    /// <summary>A blob whose bytes pass the registry's hash but not the model file's own frame is as corrupt as any.</summary>
    private static T Decode<T>(string key, string version, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ModelFileException e)
        {
            throw new ModelVersionCorruptedException(key, version, e.Message, e);
        }
    }
}
