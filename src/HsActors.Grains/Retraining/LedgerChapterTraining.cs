using HsActors.Abstractions.Retraining;
using HsActors.Grains.Models;

namespace HsActors.Grains.Retraining;

/// <summary>
/// Training runs over this silo's <see cref="AssessmentLedger"/>, at most <see cref="RetrainingOptions.MaxConcurrentRetrains"/>
/// at once on the silo, so retraining never takes every core from classification.
/// </summary>
public sealed class LedgerChapterTraining(
    AssessmentLedger ledger, ActiveModels models, ChapterRetrainer chapters, RouterRetrainer router, RetrainingOptions options) : IChapterTraining
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.MaxConcurrentRetrains));

    public Task<long> AssessmentsThroughAsync(string key, CancellationToken cancellationToken) => models.AssessmentsThroughAsync(key, cancellationToken);

    public int Pending(string key, long fromOffset) => ledger.CountFrom(key, fromOffset);

    public int Threshold(string key) => key == IModelStore.RouterKey ? options.RouterMinAssessments : options.MinAssessments;

    public async Task<RetrainingOutcome> RetrainAsync(string key, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Read after the slot is taken, so the run includes what arrived while it waited.
            var through = ledger.NextOffset;
            return key == IModelStore.RouterKey
                ? await router.RetrainAsync(ledger.For(key), CrossChapter(), through, cancellationToken).ConfigureAwait(false)
                : await chapters.RetrainAsync(key, ledger.For(key), through, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>The assessments that moved a line to another chapter (the router's own key).</summary>
    private IReadOnlyList<LedgerEntry> CrossChapter() =>
        [.. ledger.For(IModelStore.RouterKey).Where(e => e.Record.DeclaredCode is { } d && Nomenclature.HsCode.TryParse(d, out var declared) && declared.Chapter != e.Code.Chapter)];
}
