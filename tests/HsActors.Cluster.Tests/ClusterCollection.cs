namespace HsActors.Cluster.Tests;

/// <summary>Every cluster test shares one <see cref="SiloCluster"/>: starting it is most of the run's time.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<SiloCluster>
{
    public const string Name = "cluster";
}
