namespace HsActors.Grains.Serving;

/// <summary>What a silo found when it looked for the semantic index's active registry version.</summary>
public enum SemanticIndexStatus
{
    /// <summary>The active version is loaded and serving.</summary>
    Serving,

    /// <summary>The registry has no active version of the key.</summary>
    NoActiveVersion,

    /// <summary>The active version was built by another encoder (an earlier build's); its vectors mean nothing to this build's queries.</summary>
    OtherEncoder,
}
