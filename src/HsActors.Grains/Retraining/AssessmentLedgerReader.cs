using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Streaming;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Retraining;

/// <summary>
/// Reads the assessment stream from the start into this silo's <see cref="AssessmentLedger"/> and wakes the retrainer
/// grain of every key an entry touches, at most once a second per key: enough for a grain to see its count rise, and to
/// be activated again on a surviving silo soon after its silo died while assessments keep arriving. The optional
/// <see cref="IAssessmentLedgerObserver"/> hears of every entry after the ledger has it.
/// </summary>
public sealed class AssessmentLedgerReader(IAssessmentStream stream, AssessmentLedger ledger, IGrainFactory grains, TimeProvider time,
    ILogger<AssessmentLedgerReader> logger, IAssessmentLedgerObserver? observer = null)
{
    private static readonly TimeSpan WakeEvery = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, DateTimeOffset> _woken = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var entry in stream.ReadAsync(ledger.NextOffset, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var key in ledger.Add(entry))
                    {
                        Wake(key);
                    }
                    observer?.Added(entry.Record);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Reading the assessment stream failed at offset {Offset}; retrying.", ledger.NextOffset);
                await Task.Delay(TimeSpan.FromSeconds(2), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Wake(string key)
    {
        var now = time.GetUtcNow();
        if (_woken.TryGetValue(key, out var last) && now - last < WakeEvery)
        {
            return;
        }
        _woken[key] = now;
        // One-way: the reader never waits for a grain, wherever it lives or whether its silo is still alive.
        _ = grains.GetGrain<IChapterRetrainerGrain>(key).WakeAsync();
    }
}
