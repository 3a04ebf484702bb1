using HsActors.Abstractions.Retraining;
using System.Text.Json;
using HsActors.Abstractions.Audit;
using HsActors.Abstractions.Models;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Retraining;

/// <summary>
/// The last steps every retraining shares: publish the candidate with its figures, apply the promotion policy
/// (auto-promote only a non-regressing candidate of an unpinned key that enough officers stand behind, and only over
/// the pointer it was trained against), and write the audit entries when an audit trail is configured.
/// </summary>
public sealed class CandidateRelease(IModelRegistry registry, RetrainingOptions options, IAuditTrail? audit, ILogger logger)
{
    public async Task<RetrainingOutcome> ReleaseAsync(
        string key, byte[] content, ModelVersionDraft draft, StoredPointer? trainedAgainst, string? regression, string? hold,
        long through, int officerRows, DateTimeOffset startedAt, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var manifest = await registry.PublishAsync(key, content, draft, cancellationToken).ConfigureAwait(false);
        var (decision, reason) = (RetrainingOutcome.Candidate, regression ?? "no regression");
        if (regression is not null)
        {
            reason = "regression: " + regression;
        }
        else if (!options.AutoPromote)
        {
            reason = "automatic promotion is off (HsActors:Retraining:AutoPromote)";
        }
        else if (hold is not null)
        {
            reason = "held for an administrator: " + hold;
        }
        else
        {
            try
            {
                var update = await registry.AutoPromoteAsync(key, manifest.Version, RetrainingSummary.CreatedBy, trainedAgainst?.ETag,
                    "retrained from officers' assessments without regression", cancellationToken).ConfigureAwait(false);
                (decision, reason) = (RetrainingOutcome.Promoted, "no regression");
                await AuditAsync(AuditKind.ModelPointer, key, JsonSerializer.Serialize(update.Change), cancellationToken).ConfigureAwait(false);
            }
            catch (ChapterPinnedException e)
            {
                reason = "pinned: " + (e.PinReason ?? "no reason given");
            }
            catch (ConcurrentPointerUpdateException)
            {
                reason = "the pointer changed while training (an administrator acted); left for an administrator";
            }
        }
        var outcome = new RetrainingOutcome(key, manifest.Version, draft.ParentVersion, decision, reason, through, officerRows, startedAt, elapsed, manifest.Figures);
        await AuditAsync(AuditKind.Retraining, key, JsonSerializer.Serialize(outcome), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Retrained {Key}: version {Version} from {OfficerRows} officer rows in {Seconds:0.0} s, {Decision} ({Reason}).",
            key, manifest.Version, officerRows, elapsed.TotalSeconds, decision, reason);
        return outcome;
    }

    /// <summary>Compares a candidate figure with the active version's; returns why it regresses, or null.</summary>
    public string? Regression(string name, double candidate, double active) =>
        candidate < active - options.Tolerance ? $"{name} {candidate:0.###} < {active:0.###} - {options.Tolerance:0.###}" : null;

    private async Task AuditAsync(AuditKind kind, string key, string details, CancellationToken cancellationToken)
    {
        if (audit is null)
        {
            return;
        }
        try
        {
            await audit.AppendDurableAsync(new AuditEntry(Guid.NewGuid().ToString("N"), kind, DateTimeOffset.UtcNow, RetrainingSummary.CreatedBy, key, details),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not write the {Kind} audit entry of {Key}.", kind, key);
        }
    }
}
