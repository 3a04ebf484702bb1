namespace HsActors.Grains.Runtime;

/// <summary>
/// The per-activation scheduler: a first-come-first-served reader/writer gate. Exclusive turns run one at a time;
/// consecutive read-only calls run together. FIFO order means a waiting exclusive turn is not starved by a stream of
/// reads, and every call's turn lasts until its task completes (grains are not reentrant).
/// </summary>
internal sealed class TurnGate
{
    private readonly Lock _lock = new();
    private readonly Queue<(TaskCompletionSource Granted, bool ReadOnly)> _waiting = new();
    private int _readers;
    private bool _exclusive;

    public Task EnterAsync(bool readOnly)
    {
        lock (_lock)
        {
            if (_waiting.Count == 0 && CanEnter(readOnly))
            {
                Take(readOnly);
                return Task.CompletedTask;
            }
            // Continuations run elsewhere so a grain's code never runs inside Exit's caller.
            var granted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue((granted, readOnly));
            return granted.Task;
        }
    }

    public void Exit(bool readOnly)
    {
        List<TaskCompletionSource>? granted = null;
        lock (_lock)
        {
            if (readOnly)
            {
                _readers--;
            }
            else
            {
                _exclusive = false;
            }
            while (_waiting.TryPeek(out var next) && CanEnter(next.ReadOnly))
            {
                _waiting.Dequeue();
                Take(next.ReadOnly);
                (granted ??= []).Add(next.Granted);
            }
        }
        granted?.ForEach(g => g.SetResult());
    }

    private bool CanEnter(bool readOnly) => readOnly ? !_exclusive : !_exclusive && _readers == 0;

    private void Take(bool readOnly)
    {
        if (readOnly)
        {
            _readers++;
        }
        else
        {
            _exclusive = true;
        }
    }
}
