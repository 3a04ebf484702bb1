using System.Collections.Concurrent;
using HsActors.Abstractions.Retraining;
using HsActors.Grains.Retraining;

namespace HsActors.Grains.Tests;

/// <summary>What the tests say waits per key, and every training run any silo made (shared by the silos of a test cluster).</summary>
public sealed class TrainingLedger
{
    private readonly ConcurrentDictionary<string, long> _offsets = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Key, string Silo, long Through)> _runs = new();

    /// <summary>The stream offset after the key's last assessment; each offset below it is one assessment.</summary>
    public void Assess(string key, int count) => _offsets.AddOrUpdate(key, count, (_, offset) => offset + count);

    public long NextOffset(string key) => _offsets.GetValueOrDefault(key);

    public void Record(string key, string silo, long through) => _runs.Enqueue((key, silo, through));

    public IReadOnlyList<(string Key, string Silo, long Through)> Runs(string key) => [.. _runs.Where(r => r.Key == key)];
}

/// <summary>
/// A silo's training as the retrainer grain sees it, without models: a run takes a moment, records which silo made it,
/// and is "trained through" every assessment the ledger holds of the key, as a real version records its offset.
/// </summary>
public sealed class CountingTraining(TrainingLedger ledger, string silo) : IChapterTraining
{
    public Task<long> AssessmentsThroughAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(ledger.Runs(key).Select(r => r.Through).DefaultIfEmpty(0).Max());

    public int Pending(string key, long fromOffset) => (int)Math.Max(0, ledger.NextOffset(key) - fromOffset);

    public int Threshold(string key) => 3;

    public async Task<RetrainingOutcome> RetrainAsync(string key, CancellationToken cancellationToken)
    {
        var through = ledger.NextOffset(key);
        await Task.Delay(200, cancellationToken);
        ledger.Record(key, silo, through);
        return new RetrainingOutcome(key, $"v{through}", null, RetrainingOutcome.Candidate, "counted", through, (int)through,
            DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(200), new Dictionary<string, double>());
    }
}
