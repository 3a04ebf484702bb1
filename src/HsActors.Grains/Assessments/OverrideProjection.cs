using HsActors.Abstractions.Overrides;
using HsActors.Abstractions.Streaming;
using HsActors.Grains.Serving;

namespace HsActors.Grains.Assessments;

/// <summary>
/// Turns an assessment into a row of the override table, keyed by the description as the active router model
/// cleanses it. Upserts are idempotent and the newest assessment wins, so the same assessment may be applied by the
/// request that accepted it and again by the stream consumer that replays it after a restart.
/// </summary>
public sealed class OverrideProjection(ModelCache models, IOverrideStore overrides, bool perImporter)
{
    /// <summary>The consumer name under which the stream position is saved.</summary>
    public const string ConsumerName = "overrides";

    public ValueTask ApplyAsync(StreamEntry entry, CancellationToken cancellationToken) =>
        new(ApplyAsync(entry.Record, cancellationToken));

    /// <returns>The override written (or confirmed), null when the description cleanses to nothing.</returns>
    public async Task<OfficerOverride?> ApplyAsync(AssessmentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!models.RouterLoaded)
        {
            // Keys are the router's cleansing; a stream entry can arrive before the first request loaded it.
            await models.LoadRouterAsync(cancellationToken).ConfigureAwait(false);
        }
        var normalized = models.Classifier.Clean(record.Description);
        if (normalized.Length == 0)
        {
            // Nothing of the text survives cleansing: as a key it would match every other such line.
            return null;
        }
        var row = new OfficerOverride(
            normalized, perImporter ? record.ImporterId : null, record.AssessedCode, record.AssessmentId, record.OfficerId, record.AssessedAt);
        await overrides.UpsertAsync(row, cancellationToken).ConfigureAwait(false);
        return row;
    }
}
