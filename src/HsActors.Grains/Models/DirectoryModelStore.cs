using System.Runtime.CompilerServices;
using HsActors.Abstractions.Blobs;
using HsActors.Abstractions.Models;
using HsActors.Classification.ModelFiles;
using HsActors.Nomenclature;

namespace HsActors.Grains.Models;

/// <summary>
/// A model directory as written by <see cref="ModelDirectory.Save"/>: one version per chapter, always active, never
/// changing (no canary, no shadow). The silo imports such a directory into its registry; this store serves it as is.
/// </summary>
public sealed class DirectoryModelStore(string directory) : IModelStore
{
    /// <summary>The one version name a directory's pointers give; the reported version is the one in the file.</summary>
    public const string CurrentVersion = "current";

    private static readonly BlobETag Fixed = new("directory");

    public string Directory { get; } = Path.GetFullPath(directory);

    public string Describe() => $"directory {Directory}";

    public Task<bool> HasModelAsync(CancellationToken cancellationToken = default) => Task.FromResult(ModelDirectory.Exists(Directory));

    public Task<StoredPointer?> ReadPointerAsync(string key, CancellationToken cancellationToken = default)
    {
        var exists = key == IModelStore.RouterKey
            ? ModelDirectory.Exists(Directory)
            : HsCode.TryParse(key, out var chapter) && File.Exists(ModelDirectory.ChapterPath(Directory, chapter));
        return Task.FromResult(exists
            ? new StoredPointer(new ChapterPointer { Chapter = key, ActiveVersion = CurrentVersion }, Fixed)
            : null);
    }

    public async Task<VersionedRouter> ReadRouterAsync(string version, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Directory, ModelDirectory.RouterFile);
        if (!File.Exists(path))
        {
            throw new ModelFileException($"No model in {Directory}: {ModelDirectory.RouterFile} is missing.");
        }
        var (router, metadata) = RouterModelFile.Read(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path);
        return new VersionedRouter(router, metadata);
    }

    public async Task<VersionedChapter> ReadChapterAsync(HsCode chapter, string version, CancellationToken cancellationToken = default)
    {
        var path = ModelDirectory.ChapterPath(Directory, chapter);
        var (model, metadata) = ChapterModelFile.Read(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), path);
        return new VersionedChapter(model, metadata);
    }

    /// <summary>A directory never changes under the silo: nothing to watch.</summary>
    public async IAsyncEnumerable<string> WatchAsync(TimeSpan interval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        yield break;
    }
}
