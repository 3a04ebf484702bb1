namespace HsActors.Silo.Hosting;

/// <summary>
/// The <c>HsActors:Orleans</c> settings. Embedded default: one silo on loopback with Orleans' localhost clustering and
/// grain state on local disk. <see cref="OrleansClustering.AzureStorage"/> joins the silos of one cluster through Orleans'
/// Azure Table membership and keeps grain state in Azure Blob storage (Azurite serves both for development).
/// </summary>
public sealed class OrleansSiloSettings
{
    public const string Section = "HsActors:Orleans";

    public OrleansClustering Clustering { get; set; } = OrleansClustering.Localhost;

    public string ServiceId { get; set; } = "hsactors";

    public string ClusterId { get; set; } = "hsactors-local";

    /// <summary>Silo-to-silo port; 0 takes a free one (tests run many silos in one process).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway; 0 = none (clients use the HTTP API).</summary>
    public int GatewayPort { get; set; }

    /// <summary>The address other silos reach this one at (cluster mode); loopback for a cluster on one machine.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>How long an idle importer (or other keyed) activation stays in memory.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The Azure Storage account of cluster mode (tables for membership, blobs for grain state). Unset: the account of
    /// <c>HsActors:AzureBlob:ConnectionString</c>, so one account serves models and Orleans alike.
    /// </summary>
    public string? AzureStorageConnectionString { get; set; }

    /// <summary>
    /// True inside Kubernetes: Orleans' Kubernetes hosting takes the silo's name and advertised address from the pod
    /// (<c>POD_NAME</c>, <c>POD_NAMESPACE</c>, <c>POD_IP</c>; <c>ORLEANS_CLUSTER_ID</c>, <c>ORLEANS_SERVICE_ID</c> when set),
    /// and lets silos see pods that are gone (deploy/k8s grants it the pod permissions it needs).
    /// </summary>
    public bool KubernetesHosting { get; set; }

    /// <summary>The blob container of grain state in cluster mode.</summary>
    public string GrainStateContainer { get; set; } = "hsactors-grain-state";
}

public enum OrleansClustering
{
    /// <summary>One silo; membership in memory, grain state under the data directory.</summary>
    Localhost,

    /// <summary>Orleans' Azure Table membership and Azure Blob grain storage.</summary>
    AzureStorage,
}
