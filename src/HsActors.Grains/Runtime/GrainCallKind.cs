namespace HsActors.Grains.Runtime;

public enum GrainCallKind
{
    /// <summary>A turn of its own: no other call of the activation runs until it completes.</summary>
    Exclusive,

    /// <summary>Runs alongside other read-only calls, never alongside an exclusive one.</summary>
    ReadOnly,

    /// <summary>Takes no turn.</summary>
    AlwaysInterleave,
}
