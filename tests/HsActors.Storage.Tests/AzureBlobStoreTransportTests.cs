using System.Net;
using HsActors.Abstractions.Blobs;
using HsActors.Storage.AzureBlob;

namespace HsActors.Storage.Tests;

/// <summary>
/// Retry, error mapping and authorization of <see cref="AzureBlobStore"/> against the real Azurite; faults are
/// injected in front of it only where a real server cannot be made to fail on cue.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobStoreTransportTests : IDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly FaultInjectingHandler _handler = new();
    private readonly HttpClient _http;

    public AzureBlobStoreTransportTests(AzuriteFixture azurite)
    {
        _azurite = azurite;
        _http = new HttpClient(_handler);
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Dropped_connections_and_503s_are_retried_until_the_put_lands()
    {
        var store = CreateStore(maxRetryAttempts: 3);
        await store.CreateContainerIfNotExistsAsync();
        var content = TestBytes.Random(512);
        var faults = 0;
        _handler.InjectFaults(2, request => ++faults == 1
            ? throw new HttpRequestException("injected: connection reset by peer")
            : new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request });
        _handler.ResetCount();

        var etag = await store.PutAsync("models/84/v1", content, BlobCondition.IfNoneMatchAny);

        Assert.Equal(3, _handler.Requests);
        var stored = await store.GetAsync("models/84/v1");
        Assert.Equal(content, stored!.Content.ToArray());
        Assert.Equal(etag, stored.ETag);
    }

    [Fact]
    public async Task Retries_give_up_after_the_configured_attempts_with_a_store_exception()
    {
        var store = CreateStore(maxRetryAttempts: 2);
        await store.CreateContainerIfNotExistsAsync();
        _handler.InjectFaults(100, request => new HttpResponseMessage(HttpStatusCode.InternalServerError) { RequestMessage = request });
        _handler.ResetCount();

        var failure = await Assert.ThrowsAsync<BlobStoreException>(() => store.GetAsync("models/84/v1"));

        Assert.Equal(3, _handler.Requests);
        Assert.Contains("3 attempts", failure.Message);
        Assert.Equal("models/84/v1", failure.BlobName);
    }

    [Fact]
    public async Task A_failed_condition_is_answered_at_once_and_never_retried()
    {
        var store = CreateStore(maxRetryAttempts: 3);
        var stale = await store.PutAsync("pointers/84", TestBytes.Random(8), BlobCondition.IfNoneMatchAny);
        await store.PutAsync("pointers/84", TestBytes.Random(8), BlobCondition.None);

        _handler.ResetCount();
        await Assert.ThrowsAsync<BlobConditionFailedException>(() => store.PutAsync("pointers/84", TestBytes.Random(8), BlobCondition.IfNoneMatchAny));
        Assert.Equal(1, _handler.Requests);

        _handler.ResetCount();
        await Assert.ThrowsAsync<BlobConditionFailedException>(() => store.PutAsync("pointers/84", TestBytes.Random(8), BlobCondition.IfMatch(stale)));
        Assert.Equal(1, _handler.Requests);
    }

    [Fact]
    public async Task A_wrong_account_key_gives_a_clear_authorization_error()
    {
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var store = CreateStore(connectionString: _azurite.ConnectionString.Replace(AzureStorageConnectionString.DevelopmentAccountKey, wrongKey, StringComparison.Ordinal));

        var failure = await Assert.ThrowsAsync<BlobStoreException>(() => store.PutAsync("models/84/v1", TestBytes.Random(8), BlobCondition.None));

        Assert.Contains("authorization failed (403", failure.Message);
        Assert.Contains("AccountKey", failure.Message);
        Assert.Equal(1, _handler.Requests); // a 403 is not transient
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("ab")]
    [InlineData("has--double")]
    [InlineData("-leading")]
    [InlineData("under_score")]
    public void Invalid_container_names_are_rejected(string container)
    {
        var failure = Assert.Throws<ArgumentException>(() => new AzureBlobStore(_http, new AzureBlobStoreOptions
        {
            ConnectionString = _azurite.ConnectionString,
            ContainerName = container,
        }));
        Assert.Contains(container, failure.Message);
    }

    private AzureBlobStore CreateStore(int maxRetryAttempts = 3, string? connectionString = null) => new(_http, new AzureBlobStoreOptions
    {
        ConnectionString = connectionString ?? _azurite.ConnectionString,
        ContainerName = "t" + Guid.NewGuid().ToString("N"),
        MaxRetryAttempts = maxRetryAttempts,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
    });
}
