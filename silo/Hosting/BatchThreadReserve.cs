using HsActors.Grains.Classification;

namespace HsActors.Silo.Hosting;

/// <summary>
/// A batch ranks its lines on thread-pool threads it holds for seconds (up to BatchParallelism each, MaxConcurrentBatches
/// at once). With the pool's default minimum (one thread per core) those batches can hold every thread, and a single
/// line then waits for the pool to inject a new one, which it does about once a second: measured by LoadBench
/// --background-batches 4, single lines waited 0.7 to 2 s while the silo's own handler took under 10 ms. Raising the
/// minimum by what batches may hold keeps threads free for the single lines.
/// </summary>
internal static class BatchThreadReserve
{
    public static void Apply(RequestLimits limits, ClassificationOptions classification)
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        var needed = Environment.ProcessorCount + Math.Max(1, limits.MaxConcurrentBatches) * Math.Max(1, classification.BatchParallelism) + 4;
        if (needed > workers)
        {
            ThreadPool.SetMinThreads(needed, io);
        }
    }
}
