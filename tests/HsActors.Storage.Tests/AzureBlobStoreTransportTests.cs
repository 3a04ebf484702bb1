using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using HsActors.Abstractions.Blobs;
using HsActors.Storage.AzureBlob;

namespace HsActors.Storage.Tests;

/// <summary>
/// The SDK-based <see cref="AzureBlobStore"/>'s retry, error mapping and authorization against the real Azurite;
/// faults are injected under the SDK's own <see cref="HttpClientTransport"/> only where a real server cannot be made
/// to fail on cue.
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
        byte[]? sentMd5 = null;
        _handler.InjectFaults(2, request =>
        {
            sentMd5 = request.Content?.Headers.ContentMD5;
            return ++faults == 1
                ? throw new HttpRequestException("injected: connection reset by peer")
                : new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
        });
        _handler.ResetCount();

        var etag = await store.PutAsync("models/84/v1", content, BlobCondition.IfNoneMatchAny);

        Assert.Equal(3, _handler.Requests);
        // The retried put still carries the transactional Content-MD5 the service checks the bytes against.
        Assert.Equal(System.Security.Cryptography.MD5.HashData(content), sentMd5);
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
    public async Task A_connection_that_keeps_dropping_gives_a_store_exception_after_the_configured_attempts()
    {
        var store = CreateStore(maxRetryAttempts: 2);
        await store.CreateContainerIfNotExistsAsync();
        _handler.InjectFaults(100, _ => throw new HttpRequestException("injected: connection refused"));
        _handler.ResetCount();

        var failure = await Assert.ThrowsAsync<BlobStoreException>(() => store.PutAsync("models/84/v1", TestBytes.Random(8), BlobCondition.None));

        Assert.Equal(3, _handler.Requests);
        Assert.Contains("3 attempts", failure.Message);
        Assert.Contains("connection refused", failure.Message);
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
        var store = CreateStore(connectionString: _azurite.ConnectionString.Replace(AzuriteFixture.AccountKey, wrongKey, StringComparison.Ordinal));

        var failure = await Assert.ThrowsAsync<BlobStoreException>(() => store.PutAsync("models/84/v1", TestBytes.Random(8), BlobCondition.None));

        Assert.Contains("authorization failed (403", failure.Message);
        Assert.Contains("AccountKey", failure.Message);
        Assert.Equal(1, _handler.Requests); // a 403 is not transient
    }

    [Fact]
    public async Task Account_name_key_and_endpoint_reach_the_same_account_as_the_connection_string()
    {
        var container = "t" + Guid.NewGuid().ToString("N");
        var byConnectionString = CreateStore(container: container);
        var byAccount = AzureBlobStore.Create(new AzureBlobStoreOptions
        {
            AccountName = AzuriteFixture.AccountName,
            AccountKey = AzuriteFixture.AccountKey,
            Endpoint = _azurite.BlobEndpoint,
            ContainerName = container,
        });
        var content = TestBytes.Random(64);

        await byConnectionString.PutAsync("models/84/v1", content, BlobCondition.None);

        Assert.Equal(content, (await byAccount.GetAsync("models/84/v1"))!.Content.ToArray());
        Assert.Equal(byConnectionString.ContainerUrl, byAccount.ContainerUrl);
    }

    [Fact]
    public async Task An_endpoint_without_a_key_authenticates_with_the_token_credential()
    {
        string? authorization = null;
        _handler.InjectFaults(1, request =>
        {
            authorization = request.Headers.Authorization?.ToString();
            var response = new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
            response.Headers.Add("x-ms-error-code", "BlobNotFound");
            return response;
        });
        var store = AzureBlobStore.Create(new AzureBlobStoreOptions
        {
            // Never contacted: the handler answers before any connection is made.
            Endpoint = "https://hsactorsmodels.blob.core.windows.net",
            Credential = new FixedTokenCredential("test-token"),
            ContainerName = "models",
            CreateContainerIfNotExists = false,
            Transport = new HttpClientTransport(_http),
        });

        Assert.Null(await store.GetPropertiesAsync("models/84/v1"));

        Assert.Equal("Bearer test-token", authorization);
        Assert.Equal(1, _handler.Requests);
    }

    [Theory]
    [InlineData("UPPER")]
    [InlineData("ab")]
    [InlineData("has--double")]
    [InlineData("-leading")]
    [InlineData("under_score")]
    public void Invalid_container_names_are_rejected(string container)
    {
        var failure = Assert.Throws<ArgumentException>(() => AzureBlobStore.Create(new AzureBlobStoreOptions
        {
            ConnectionString = _azurite.ConnectionString,
            ContainerName = container,
        }));
        Assert.Contains(container, failure.Message);
    }

    [Theory]
    [InlineData(null, null, null, "No storage account")]
    [InlineData(null, "Eby8vdM0", null, "AccountName is not")]
    [InlineData("acct", "not base64!", null, "not valid base64")]
    [InlineData(null, null, "ftp://storage.internal/acct", "not an absolute http(s) URL")]
    [InlineData(null, null, "http://storage.internal/acct", "https only")]
    public void Incomplete_or_malformed_account_settings_are_rejected_with_a_clear_message(string? accountName, string? accountKey, string? endpoint, string expected)
    {
        var failure = Assert.Throws<ArgumentException>(() => AzureBlobStore.Create(new AzureBlobStoreOptions
        {
            AccountName = accountName,
            AccountKey = accountKey,
            Endpoint = endpoint,
            ContainerName = "models",
        }));
        Assert.Contains(expected, failure.Message);
    }

    [Fact]
    public void A_malformed_connection_string_is_rejected_without_repeating_the_key()
    {
        const string secret = "c2VjcmV0LWtleQ==";

        var failure = Assert.Throws<ArgumentException>(() => AzureBlobStore.Create(new AzureBlobStoreOptions
        {
            ConnectionString = $"AccountKey={secret};NotASetting",
            ContainerName = "models",
        }));

        Assert.Contains("ConnectionString is not a valid Azure Storage connection string", failure.Message);
        Assert.DoesNotContain(secret, failure.Message);
    }

    private AzureBlobStore CreateStore(int maxRetryAttempts = 3, string? connectionString = null, string? container = null) => AzureBlobStore.Create(new AzureBlobStoreOptions
    {
        ConnectionString = connectionString ?? _azurite.ConnectionString,
        ContainerName = container ?? "t" + Guid.NewGuid().ToString("N"),
        MaxRetryAttempts = maxRetryAttempts,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        Transport = new HttpClientTransport(_http),
    });

    /// <summary>A token credential that needs no identity provider: the test checks that the SDK sends its token.</summary>
    private sealed class FixedTokenCredential(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
