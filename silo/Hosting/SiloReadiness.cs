namespace HsActors.Silo.Hosting;

public enum SiloState
{
    Starting,
    Training,
    Loading,
    Ready,
    Failed,
}

/// <summary>Where start-up is: classification answers 503 until the router grain has its model.</summary>
public sealed class SiloReadiness
{
    private volatile Snapshot _current = new(SiloState.Starting, "The silo is starting.", null);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SiloState State => _current.State;

    public string Detail => _current.Detail;

    public string? RouterVersion => _current.RouterVersion;

    public bool IsReady => _current.State == SiloState.Ready;

    public void Set(SiloState state, string detail, string? routerVersion = null)
    {
        _current = new Snapshot(state, detail, routerVersion);
        if (state == SiloState.Ready)
        {
            _ready.TrySetResult();
        }
    }

    /// <summary>Completes once the silo is (or was) ready: background work that needs the model waits on it.</summary>
    public Task WhenReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    private sealed record Snapshot(SiloState State, string Detail, string? RouterVersion);
}
