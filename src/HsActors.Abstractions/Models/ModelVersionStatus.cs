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

    /// <summary>
    /// Its manifest cannot be read (it fails the store's checksum or is not a manifest document): listed so an
    /// administrator sees it, with the reason in <see cref="ModelVersionManifest.Notes"/>; it cannot be opened or promoted.
    /// </summary>
    Corrupted,
}
