namespace HsActors.Abstractions.Models;

public enum PointerAction
{
    Promote,

    /// <summary>A promotion made by automation (retraining); refused while the chapter is pinned.</summary>
    AutoPromote,
    Rollback,
    SetCanary,
    ClearCanary,
    SetShadow,
    ClearShadow,
    Pin,
    Unpin,
}
