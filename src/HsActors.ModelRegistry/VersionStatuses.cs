using HsActors.Abstractions.Models;

namespace HsActors.ModelRegistry;

/// <summary>Derives a version's status from its chapter pointer, so the stored manifest can stay immutable.</summary>
internal static class VersionStatuses
{
    public static ModelVersionStatus Of(ChapterPointer? pointer, string version)
    {
        if (pointer is null)
        {
            return ModelVersionStatus.Candidate;
        }

        if (pointer.ActiveVersion == version)
        {
            return ModelVersionStatus.Active;
        }

        if (pointer.CanaryVersion == version)
        {
            return ModelVersionStatus.Canary;
        }

        if (pointer.ShadowVersion == version)
        {
            return ModelVersionStatus.Shadow;
        }

        var wasActive = pointer.History.Any(c =>
            c.ToVersion == version && c.Action is PointerAction.Promote or PointerAction.AutoPromote or PointerAction.Rollback);
        return wasActive ? ModelVersionStatus.Retired : ModelVersionStatus.Candidate;
    }
}
