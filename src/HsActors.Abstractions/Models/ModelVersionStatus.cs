namespace HsActors.Abstractions.Models;

/// <summary>Where a version stands, derived from its chapter's pointer when read (the stored manifest never changes).</summary>
public enum ModelVersionStatus
{
    /// <summary>Published, never named by the pointer (or its activity fell out of the bounded history).</summary>
    Candidate,

    /// <summary>The pointer's active version.</summary>
    Active,

    /// <summary>Receiving the pointer's canary share of traffic.</summary>
    Canary,

    /// <summary>Running beside the active version on live traffic, its answers only compared.</summary>
    Shadow,

    /// <summary>Was active once, superseded since.</summary>
    Retired,
}
