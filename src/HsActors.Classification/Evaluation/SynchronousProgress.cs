namespace HsActors.Classification.Evaluation;

/// <summary>
/// Calls back on the reporting thread. Progress&lt;T&gt; posts to the thread pool, so its reports arrive late and out
/// of order; a progress bar wants them now.
/// </summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
