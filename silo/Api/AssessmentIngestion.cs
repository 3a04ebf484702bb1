using HsActors.Abstractions.Audit;
using HsActors.Abstractions.Streaming;
using HsActors.Contracts;
using HsActors.Grains.Assessments;
using HsActors.Grains.Audit;
using HsActors.Grains.Serving;
using HsActors.Silo.Hosting;
using HsActors.Text;

namespace HsActors.Silo.Api;

/// <summary>
/// Accepts validated assessments: durably into the stream (the acknowledgement), then into the override table so the
/// next identical line gets the officer's code, then durably into the audit trail. Importer statistics follow from the
/// stream consumer, which is what keeps them exactly-once however often a client retries.
/// </summary>
internal sealed class AssessmentIngestion(
    IAssessmentStream stream, OverrideProjection overrides, IAuditTrail audit, SiloReadiness readiness, TimeProvider time,
    ILogger<AssessmentIngestion> logger, SemanticAssessmentLearner? semantic = null)
{
    /// <returns>Per record, in order: what the stream acknowledged, and whether a known id came with other content.</returns>
    public async Task<IReadOnlyList<IngestedAssessment>> AcceptAsync(IReadOnlyList<AssessmentRecord> records, string apiKeyName, CancellationToken cancellationToken)
    {
        // Concurrent appends share the stream's group commits.
        var appended = await Task.WhenAll(records.Select(r => stream.AppendAsync(r, cancellationToken).AsTask())).ConfigureAwait(false);
        var conflicts = new bool[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            if (!appended[i].Duplicate)
            {
                await UpsertOverrideAsync(records[i], cancellationToken).ConfigureAwait(false);
                // The receiving silo's semantic index learns it now, without waiting for the stream's round trip (every
                // silo, this one included, learns it from the stream too; an index holds an assessment once).
                semantic?.Learn(records[i]);
            }
            else
            {
                // Who sent it is not part of what was sent: a retry through another key (or of a record stored before
                // keys were recorded) is the same assessment.
                var stored = await StoredAsync(appended[i].Offset, cancellationToken).ConfigureAwait(false);
                conflicts[i] = !Equals(stored is null ? null : stored with { SubmittedBy = null }, records[i] with { SubmittedBy = null });
            }
        }
        // A retry is audited too (as a duplicate): the trail says what the silo was asked and what it answered.
        var now = time.GetUtcNow();
        await Task.WhenAll(records.Select((r, i) => audit.AppendDurableAsync(AuditEntries.Assessment(r, appended[i], apiKeyName, now), cancellationToken)))
            .ConfigureAwait(false);
        return [.. records.Select((r, i) => new IngestedAssessment(new AssessmentAccepted(r.AssessmentId, appended[i].Offset, appended[i].Duplicate), conflicts[i]))];
    }

    /// <summary>
    /// The record first stored under an id, to tell a retry (the same assessment again) from a client that reused an id
    /// for another assessment, whose correction would otherwise be dropped without a word.
    /// </summary>
    private async Task<AssessmentRecord?> StoredAsync(long offset, CancellationToken cancellationToken)
    {
        await foreach (var entry in stream.ReadAsync(offset, cancellationToken).ConfigureAwait(false))
        {
            return entry.Offset == offset ? entry.Record : null;
        }
        return null;
    }

    /// <summary>
    /// The assessment is already durable, so a failure here does not fail the request: the override consumer applies
    /// every assessment of the stream (also the ones accepted before the model was ready) and catches up.
    /// </summary>
    private async Task UpsertOverrideAsync(AssessmentRecord record, CancellationToken cancellationToken)
    {
        if (!readiness.IsReady)
        {
            return;
        }
        try
        {
            await overrides.ApplyAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The override of assessment {AssessmentId} is left to the stream consumer.", LogText.Escape(record.AssessmentId));
        }
    }
}
