using HsActors.Abstractions.Blobs;
using HsActors.Storage.AzureBlob;
using HsActors.Storage.Tests;

namespace HsActors.ModelRegistry.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class AzureModelRegistryTests(AzuriteFixture azurite) : ModelRegistryContractTests
{
    private readonly string _container = "c" + Guid.NewGuid().ToString("N"); // a fresh container per test keeps tests independent

    protected override IBlobStore OpenStore() => AzureBlobStore.Create(new AzureBlobStoreOptions
    {
        ConnectionString = azurite.ConnectionString,
        ContainerName = _container,
    });

    protected override Task CorruptStoredContentAsync(string name, byte[] content)
    {
        // Genuine at-rest damage in Azurite's extent files, which only the SHA-256 checks can see.
        Assert.True(azurite.CorruptStoredBytes(content) > 0, $"the bytes of '{name}' were not found under Azurite's location {azurite.Location}");
        return Task.CompletedTask;
    }
}
