namespace HsActors.Learning;

/// <summary>Runs one binary training per class in parallel, each worker reusing its own workspace across classes.</summary>
internal static class OneVsRest
{
    public static void Run<TWorkspace>(int classCount, int maxDegreeOfParallelism, Func<TWorkspace> createWorkspace,
        Action<int, TWorkspace> trainClass, IProgress<int>? classesDone = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDegreeOfParallelism);
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount,
        };
        var done = 0;
        Parallel.For(0, classCount, options, createWorkspace, (classIndex, _, workspace) =>
        {
            trainClass(classIndex, workspace);
            classesDone?.Report(Interlocked.Increment(ref done));
            return workspace;
        }, _ => { });
    }
}
