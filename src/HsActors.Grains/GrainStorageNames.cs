namespace HsActors.Grains;

/// <summary>The grain storage providers the grains name; the silo host decides what stands behind each.</summary>
public static class GrainStorageNames
{
    /// <summary>Grain state: local disk in the embedded silo, Azure Blob storage in a cluster.</summary>
    public const string State = "hsactors-state";
}
