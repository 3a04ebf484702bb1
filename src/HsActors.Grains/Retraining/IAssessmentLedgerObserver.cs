using HsActors.Abstractions.Streaming;

namespace HsActors.Grains.Retraining;

/// <summary>
/// Told of each assessment as <see cref="AssessmentLedgerReader"/> puts it into this silo's ledger, whichever silo
/// received it: the semantic stage learns officers' rows this way.
/// </summary>
public interface IAssessmentLedgerObserver
{
    /// <summary>
    /// Called on the reader's loop once the entry is in the ledger (unusable codes included: the ledger keeps them
    /// out, the observer decides for itself). Must return at once and never throw: the reader also wakes the retrainers.
    /// </summary>
    void Added(AssessmentRecord record);
}
