using HsActors.Abstractions.Retraining;
using Orleans.Concurrency;

namespace HsActors.Abstractions.Grains;

/// <summary>
/// The retrainer of one key (a two-digit chapter, or "router"): one activation in the cluster, so a candidate is never
/// trained twice. It retrains once enough new assessments touch the key (checked by a timer) or once the oldest of them
/// waited long enough (a durable Orleans reminder, which also brings the grain back on another silo after its silo died).
/// </summary>
[Alias("hsactors.retrainer")]
public interface IChapterRetrainerGrain : IGrainWithStringKey
{
    /// <summary>New assessments of the key were read; the grain looks whether it is due.</summary>
    [OneWay]
    [Alias("wake")]
    Task WakeAsync();

    /// <summary>Retrains now, whatever the count (an administrator's request).</summary>
    /// <returns>False when a retraining of the key is already running.</returns>
    [Alias("request")]
    Task<bool> RequestAsync();

    [ReadOnly]
    [Alias("status")]
    Task<RetrainingStatus> GetStatusAsync();
}
