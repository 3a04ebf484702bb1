namespace HsActors.Storage.Tests;

/// <summary>All test classes that talk to Azurite share one emulator process.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
