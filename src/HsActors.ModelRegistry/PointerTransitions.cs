using HsActors.Abstractions.Models;

namespace HsActors.ModelRegistry;

/// <summary>
/// The pure rules of every pointer change, applied to the pointer as last read. The compare-and-swap loop may call a
/// rule several times (once per attempt), so rules never do I/O.
/// </summary>
internal static class PointerTransitions
{
    public static ChapterPointer Empty(string chapter) => new() { Chapter = chapter };

    public static PointerEdit Promote(ChapterPointer pointer, string version, bool automatic)
    {
        if (automatic && pointer.Pinned)
        {
            throw new ChapterPinnedException(pointer.Chapter, pointer.PinReason);
        }

        if (pointer.ActiveVersion == version)
        {
            throw Rejected(pointer, $"version '{version}' is already active.");
        }

        return new PointerEdit(MakeActive(pointer, version), automatic ? PointerAction.AutoPromote : PointerAction.Promote, pointer.ActiveVersion, version);
    }

    public static PointerEdit Rollback(ChapterPointer pointer, string version)
    {
        EnsureHasActive(pointer);
        if (pointer.ActiveVersion == version)
        {
            throw Rejected(pointer, $"version '{version}' is already active.");
        }

        return new PointerEdit(MakeActive(pointer, version), PointerAction.Rollback, pointer.ActiveVersion, version);
    }

    /// <summary>
    /// The version active before the current one, skipping versions that were themselves rolled back away from, so
    /// repeated rollbacks walk further back (C → B → A) instead of toggling between two versions.
    /// </summary>
    public static string DefaultRollbackTarget(ChapterPointer pointer)
    {
        EnsureHasActive(pointer);
        var rolledBackFrom = new HashSet<string>(StringComparer.Ordinal);
        for (var i = pointer.History.Count - 1; i >= 0; i--)
        {
            var change = pointer.History[i];
            if (change.Action is not (PointerAction.Promote or PointerAction.AutoPromote or PointerAction.Rollback) || change.FromVersion is not { } candidate)
            {
                continue;
            }

            if (change.Action == PointerAction.Rollback)
            {
                rolledBackFrom.Add(candidate);
            }

            if (candidate != pointer.ActiveVersion && !rolledBackFrom.Contains(candidate))
            {
                return candidate;
            }
        }

        throw Rejected(pointer,
            $"its history (last {pointer.History.Count} changes) holds no earlier active version to roll back to; name the version to roll back to.");
    }

    public static PointerEdit SetCanary(ChapterPointer pointer, string version, int percent)
    {
        if (pointer.ActiveVersion is null)
        {
            throw Rejected(pointer, "a canary needs an active version to share traffic with; promote one first.");
        }

        if (pointer.ActiveVersion == version)
        {
            throw Rejected(pointer, $"version '{version}' is the active version; a canary must be a different version.");
        }

        if (pointer.CanaryVersion == version && pointer.CanaryPercent == percent)
        {
            throw Rejected(pointer, $"version '{version}' already takes {percent} % as canary.");
        }

        return new PointerEdit(pointer with { CanaryVersion = version, CanaryPercent = percent }, PointerAction.SetCanary, pointer.CanaryVersion, version, percent);
    }

    public static PointerEdit ClearCanary(ChapterPointer pointer)
    {
        if (pointer.CanaryVersion is null)
        {
            throw Rejected(pointer, "it has no canary to clear.");
        }

        return new PointerEdit(pointer with { CanaryVersion = null, CanaryPercent = 0 }, PointerAction.ClearCanary, pointer.CanaryVersion, null, 0);
    }

    public static PointerEdit SetShadow(ChapterPointer pointer, string version)
    {
        if (pointer.ActiveVersion is null)
        {
            throw Rejected(pointer, "a shadow is compared with the active version, and there is none; promote one first.");
        }

        if (pointer.ActiveVersion == version)
        {
            throw Rejected(pointer, $"version '{version}' is the active version; a shadow must be a different version.");
        }

        if (pointer.ShadowVersion == version)
        {
            throw Rejected(pointer, $"version '{version}' already runs as shadow.");
        }

        return new PointerEdit(pointer with { ShadowVersion = version }, PointerAction.SetShadow, pointer.ShadowVersion, version);
    }

    public static PointerEdit ClearShadow(ChapterPointer pointer)
    {
        if (pointer.ShadowVersion is null)
        {
            throw Rejected(pointer, "it has no shadow to clear.");
        }

        return new PointerEdit(pointer with { ShadowVersion = null }, PointerAction.ClearShadow, pointer.ShadowVersion, null);
    }

    public static PointerEdit Pin(ChapterPointer pointer, string reason)
    {
        if (pointer.Pinned)
        {
            throw Rejected(pointer, $"it is already pinned ({pointer.PinReason}).");
        }

        return new PointerEdit(pointer with { Pinned = true, PinReason = reason }, PointerAction.Pin, null, null);
    }

    public static PointerEdit Unpin(ChapterPointer pointer)
    {
        if (!pointer.Pinned)
        {
            throw Rejected(pointer, "it is not pinned.");
        }

        return new PointerEdit(pointer with { Pinned = false, PinReason = null }, PointerAction.Unpin, null, null);
    }

    private static void EnsureHasActive(ChapterPointer pointer)
    {
        if (pointer.ActiveVersion is null)
        {
            throw Rejected(pointer, "it has no active version to roll back from; promote one.");
        }
    }

    // A version cannot serve as active and canary (or shadow) at once: the promoted version leaves those slots.
    private static ChapterPointer MakeActive(ChapterPointer pointer, string version)
    {
        var leavesCanary = pointer.CanaryVersion == version;
        return pointer with
        {
            ActiveVersion = version,
            CanaryVersion = leavesCanary ? null : pointer.CanaryVersion,
            CanaryPercent = leavesCanary ? 0 : pointer.CanaryPercent,
            ShadowVersion = pointer.ShadowVersion == version ? null : pointer.ShadowVersion,
        };
    }

    private static PointerChangeRejectedException Rejected(ChapterPointer pointer, string why) =>
        new(pointer.Chapter, $"Pointer of chapter '{pointer.Chapter}' not changed: {why}");
}
