namespace HsActors.Abstractions.Audit;

/// <summary>What kind of decision an audit entry records.</summary>
public enum AuditKind
{
    /// <summary>A classification answer, with the model version of every chapter that produced it.</summary>
    Classification,

    /// <summary>An officer's assessment as accepted by the silo.</summary>
    Assessment,

    /// <summary>A model pointer change: promotion, rollback, canary, shadow, pin, or an automatic promotion.</summary>
    ModelPointer,

    /// <summary>A retraining run and its candidate's figures, promoted or not.</summary>
    Retraining,
}
