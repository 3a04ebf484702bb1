using HsActors.Abstractions.Retraining;
using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Models;
using HsActors.Contracts.Models;
using HsActors.Grains.Retraining;

namespace HsActors.Silo.Api;

/// <summary>Registry, grain and retrainer records → the admin API's wire records.</summary>
internal static class ModelAdminViews
{
    public static ModelChapterSummary Summary(string chapter, StoredPointer? stored, ServedModelState? served, RetrainingStatus? retraining, string localSilo)
    {
        var pointer = stored?.Pointer;
        return new ModelChapterSummary
        {
            Chapter = chapter,
            ActiveVersion = pointer?.ActiveVersion,
            CanaryVersion = pointer?.CanaryVersion,
            CanaryPercent = pointer?.CanaryPercent ?? 0,
            ShadowVersion = pointer?.ShadowVersion,
            Pinned = pointer?.Pinned ?? false,
            PinReason = pointer?.PinReason,
            Revision = pointer?.Revision ?? 0,
            ETag = stored?.ETag.Value,
            UpdatedAt = pointer?.UpdatedAt,
            UpdatedBy = pointer?.UpdatedBy,
            Served = served,
            Retraining = retraining is null ? null : Retraining(retraining, localSilo),
        };
    }

    public static ServedModelState Served(ChapterModelState state) =>
        new(state.Version, state.CanaryVersion, state.CanaryPercent, state.ShadowVersion, state.PointerRevision, state.LoadedAt)
        {
            Fault = state.Fault is { } f ? new ModelFault(f.Version, f.Reason, f.At) : null,
            Shadow = state.Shadow is { } s
                ? new ShadowComparison(s.ActiveVersion, s.ShadowVersion, s.Compared, s.Agreed, s.Dropped, s.AgreementRate)
                {
                    Disagreements = [.. s.Disagreements.Select(d => new ShadowExample(d.Description, d.ActiveCode, d.ShadowCode))],
                }
                : null,
        };

    public static ServedModelState Served(ModelVersionReport router) =>
        new(router.RouterVersion, null, 0, null, 0, null)
        {
            Fault = router.RouterFault is { } f ? new ModelFault(f.Version, f.Reason, f.At) : null,
        };

    /// <summary>
    /// The semantic stage's index: its version only. The stage keeps no load time or revision, and the index's row
    /// count (officers' rows included) has no place in this record; the version is what shows that the silo followed.
    /// </summary>
    public static ServedModelState SemanticIndex(string version) => new(version, null, 0, null, 0, null);

    public static ModelVersionInfo Version(ModelVersionManifest manifest) => new()
    {
        Version = manifest.Version,
        Status = manifest.Status.ToString().ToLowerInvariant(),
        ParentVersion = manifest.ParentVersion,
        CreatedAt = manifest.CreatedAt,
        CreatedBy = manifest.CreatedBy,
        Size = manifest.Size,
        ContentSha256 = manifest.ContentSha256,
        TrainingSummary = manifest.TrainingSummary.ToDictionary(e => e.Key, e => e.Value.ToString(), StringComparer.Ordinal),
        Figures = manifest.Figures,
        Notes = manifest.Notes,
    };

    public static PointerChangeInfo Change(PointerChange change) =>
        new(change.Revision, change.Action.ToString().ToLowerInvariant(), change.At, change.By, change.FromVersion, change.ToVersion, change.CanaryPercent, change.Reason);

    private static RetrainingState Retraining(RetrainingStatus status, string localSilo) =>
        new(status.Pending, status.AssessmentsThrough, status.Running, status.Silo == localSilo, status.DeadlineSet)
        {
            Silo = status.Silo,
            LastVersion = status.Last?.Version,
            LastDecision = status.Last?.Decision,
            LastReason = status.Last?.Reason,
            LastAt = status.Last is { } last ? last.StartedAt + last.Elapsed : null,
            LastError = status.LastError,
        };
}
