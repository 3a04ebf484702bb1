using HsActors.Abstractions.Models;
using HsActors.Nomenclature;

namespace HsActors.Grains.Models;

/// <summary>
/// Where the grains read their models: a pointer per chapter key (two digits, or <see cref="RouterKey"/>) naming the
/// versions to serve, and the versions themselves. The silo serves a model registry over a blob store; a plain model
/// directory is the one-version case.
/// </summary>
public interface IModelStore
{
    public const string RouterKey = "router";

    /// <summary>A short description for logs ("model registry over …").</summary>
    string Describe();

    /// <summary>True once the router (and so a complete model set) can be served.</summary>
    Task<bool> HasModelAsync(CancellationToken cancellationToken = default);

    /// <summary>The key's pointer; null when it has no model.</summary>
    Task<StoredPointer?> ReadPointerAsync(string key, CancellationToken cancellationToken = default);

    /// <exception cref="ModelVersionCorruptedException">The version fails its checksum.</exception>
    Task<VersionedRouter> ReadRouterAsync(string version, CancellationToken cancellationToken = default);

    /// <exception cref="ModelVersionCorruptedException">The version fails its checksum.</exception>
    Task<VersionedChapter> ReadChapterAsync(HsCode chapter, string version, CancellationToken cancellationToken = default);

    /// <summary>Keys whose pointer may have changed, polled every <paramref name="interval"/>; the first poll names every key.</summary>
    IAsyncEnumerable<string> WatchAsync(TimeSpan interval, CancellationToken cancellationToken);
}
