using HsActors.Abstractions.Models;
using HsActors.Grains.Models;
using HsActors.Nomenclature;

namespace HsActors.Silo.Tests;

/// <summary>
/// The real model directory behind a gate the test opens, and a switch that breaks chapter loading: how start-up
/// readiness and the failure path are driven through the real pipeline.
/// </summary>
public sealed class ControlledModelStore(string directory) : IModelStore
{
    private readonly DirectoryModelStore _inner = new(directory);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool FailChapters { get; set; }

    public void Open() => _open.TrySetResult();

    public string Describe() => "controlled " + _inner.Describe();

    public Task<bool> HasModelAsync(CancellationToken cancellationToken = default) => _inner.HasModelAsync(cancellationToken);

    public Task<StoredPointer?> ReadPointerAsync(string key, CancellationToken cancellationToken = default) => _inner.ReadPointerAsync(key, cancellationToken);

    public async Task<VersionedRouter> ReadRouterAsync(string version, CancellationToken cancellationToken = default)
    {
        await _open.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return await _inner.ReadRouterAsync(version, cancellationToken);
    }

    public Task<VersionedChapter> ReadChapterAsync(HsCode chapter, string version, CancellationToken cancellationToken = default) =>
        FailChapters ? throw new IOException($"Simulated disk failure reading chapter {chapter} at /secret/path.") : _inner.ReadChapterAsync(chapter, version, cancellationToken);

    public IAsyncEnumerable<string> WatchAsync(TimeSpan interval, CancellationToken cancellationToken) => _inner.WatchAsync(interval, cancellationToken);
}
