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

    public bool HasModel() => _inner.HasModel();

    public VersionedRouter ReadRouter()
    {
        if (!_open.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("The test never opened the model store.");
        }
        return _inner.ReadRouter();
    }

    public VersionedChapter? ReadChapter(HsCode chapter) =>
        FailChapters ? throw new IOException($"Simulated disk failure reading chapter {chapter} at /secret/path.") : _inner.ReadChapter(chapter);
}
