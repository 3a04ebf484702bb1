using HsActors.Nomenclature;

namespace HsActors.Grains.Models;

/// <summary>
/// Where the grains read the currently promoted model versions. The silo ships a model directory on local disk; a
/// versioned blob store (with canaries) is the next implementation, and the chapter grains swap to whatever it promotes.
/// </summary>
public interface IModelStore
{
    /// <summary>A short description for logs ("directory /data/models/current").</summary>
    string Describe();

    bool HasModel();

    VersionedRouter ReadRouter();

    /// <summary>Null when the chapter has no model (no training rows reached it).</summary>
    VersionedChapter? ReadChapter(HsCode chapter);
}
