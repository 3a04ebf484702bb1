using HsActors.Abstractions.Blobs;
using HsActors.Storage.AzureBlob;

namespace HsActors.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobStoreContractTests(AzuriteFixture azurite) : BlobStoreContractTests
{
    protected override Task<IBlobStore> CreateStoreAsync(int listPageSize) =>
        Task.FromResult<IBlobStore>(AzureBlobStore.Create(new AzureBlobStoreOptions
        {
            ConnectionString = azurite.ConnectionString,
            ContainerName = "c" + Guid.NewGuid().ToString("N"), // a fresh container per test keeps tests independent
            ListPageSize = listPageSize,
        }));

    protected override Task CorruptStoredContentAsync(string name, byte[] content)
    {
        // Flip a byte in Azurite's own extent file: genuine at-rest damage that only our SHA-256 check can see.
        Assert.True(azurite.CorruptStoredBytes(content) > 0, $"the bytes of '{name}' were not found under Azurite's location {azurite.Location}");
        return Task.CompletedTask;
    }
}
