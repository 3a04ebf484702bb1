using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using HsActors.Abstractions.Blobs;
using Polly;

namespace HsActors.Storage.AzureBlob;

/// <summary>
/// <see cref="IBlobStore"/> on the Azure Blob REST API (also Azurite), with Shared Key authorization written here.
/// Each put sends Content-MD5 (the service rejects bytes damaged in transit) and records the SHA-256 as
/// x-ms-meta-sha256, which every get re-checks against the bytes it received.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    private const string HashMetadataKey = "sha256";
    private const string HashMetadataHeader = "x-ms-meta-" + HashMetadataKey;

    private readonly HttpClient _http;
    private readonly AzureBlobStoreOptions _options;
    private readonly SharedKeyRequestSigner _signer;
    private readonly ResiliencePipeline _retry;
    private readonly string _containerUrl;
    private readonly SemaphoreSlim _containerGate = new(1, 1);
    private volatile bool _containerReady;

    /// <param name="httpClient">Owned by the caller (typically from IHttpClientFactory); its BaseAddress is ignored.</param>
    public AzureBlobStore(HttpClient httpClient, AzureBlobStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ValidateContainerName(options.ContainerName);
        if (options.ListPageSize is < 1 or > 5000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ListPageSize, "ListPageSize must be between 1 and 5000.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetryAttempts, nameof(options.MaxRetryAttempts));
        var connection = AzureStorageConnectionString.Parse(options.ConnectionString);
        _http = httpClient;
        _options = options;
        _signer = new SharedKeyRequestSigner(connection.AccountName, connection.AccountKey);
        _retry = TransientRetryPipeline.Create(options.MaxRetryAttempts, options.RetryBaseDelay);
        _containerUrl = connection.BlobEndpoint.AbsoluteUri.TrimEnd('/') + "/" + options.ContainerName;
        _containerReady = !options.CreateContainerIfNotExists;
    }

    public string ContainerUrl => _containerUrl;

    /// <summary>Creates the container unless it exists. Called on first use when <see cref="AzureBlobStoreOptions.CreateContainerIfNotExists"/>.</summary>
    public async Task CreateContainerIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await SendAsync(
            _options.ContainerName,
            () => new HttpRequestMessage(HttpMethod.Put, _containerUrl + "?restype=container"),
            static (response, _) =>
            {
                if (response.StatusCode == HttpStatusCode.Created || ErrorCode(response) == "ContainerAlreadyExists")
                {
                    return ValueTask.FromResult(true);
                }

                throw Failure(response, "create container");
            },
            cancellationToken).ConfigureAwait(false);
        _containerReady = true;
    }

    public async Task<BlobETag> PutAsync(string name, ReadOnlyMemory<byte> content, BlobCondition condition, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(name);
        ArgumentNullException.ThrowIfNull(condition);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var sha256 = ContentHash.Sha256Hex(content.Span);
        var md5 = MD5.HashData(content.Span);
        return await SendAsync(
            name,
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, BlobUrl(name)) { Content = new ReadOnlyMemoryContent(content) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                request.Content.Headers.ContentMD5 = md5;
                request.Headers.TryAddWithoutValidation("x-ms-blob-type", "BlockBlob");
                request.Headers.TryAddWithoutValidation(HashMetadataHeader, sha256);
                AddCondition(request, condition);
                return request;
            },
            (response, _) =>
            {
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    return ValueTask.FromResult(ETagOf(response, name));
                }

                throw ConditionFailure(response, name, condition) ?? Failure(response, "put", name);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<BlobContent?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(name);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsync(
            name,
            () => new HttpRequestMessage(HttpMethod.Get, BlobUrl(name)),
            async (response, token) =>
            {
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    return null;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw Failure(response, "get", name);
                }

                var properties = PropertiesOf(response, name);
                var content = await ReadBodyAsync(response, properties.Length, name, token).ConfigureAwait(false);
                VerifyIntegrity(response, properties, content);
                return new BlobContent(properties, content);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<BlobProperties?> GetPropertiesAsync(string name, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(name);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsync(
            name,
            () => new HttpRequestMessage(HttpMethod.Head, BlobUrl(name)),
            (response, _) => response.StatusCode switch
            {
                HttpStatusCode.OK => ValueTask.FromResult<BlobProperties?>(PropertiesOf(response, name)),
                HttpStatusCode.NotFound => ValueTask.FromResult<BlobProperties?>(null),
                _ => throw Failure(response, "get properties of", name),
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string name, BlobCondition condition, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(name);
        ArgumentNullException.ThrowIfNull(condition);
        if (condition.Kind == BlobConditionKind.IfNoneMatchAny)
        {
            throw new ArgumentException("Delete with If-None-Match * can never succeed on an existing blob; use None or IfMatch.", nameof(condition));
        }

        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsync(
            name,
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Delete, BlobUrl(name));
                AddCondition(request, condition);
                return request;
            },
            (response, _) => response.StatusCode switch
            {
                HttpStatusCode.Accepted => ValueTask.FromResult(true),
                HttpStatusCode.NotFound => ValueTask.FromResult(false),
                _ => throw ConditionFailure(response, name, condition) ?? Failure(response, "delete", name),
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<BlobProperties> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobNames.ValidatePrefix(prefix);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        string? marker = null;
        do
        {
            var url = ListUrl(prefix, marker);
            var page = await SendAsync(
                prefix,
                () => new HttpRequestMessage(HttpMethod.Get, url),
                async (response, token) =>
                {
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw Failure(response, "list", prefix);
                    }

                    await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                    return await ListBlobsPage.ParseAsync(body, HashMetadataKey, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            foreach (var blob in page.Blobs)
            {
                yield return blob;
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }

    private string BlobUrl(string name) =>
        _containerUrl + "/" + string.Join('/', name.Split('/').Select(Uri.EscapeDataString));

    private string ListUrl(string prefix, string? marker)
    {
        var url = new StringBuilder(_containerUrl).Append("?restype=container&comp=list&include=metadata");
        if (prefix.Length > 0)
        {
            url.Append("&prefix=").Append(Uri.EscapeDataString(prefix));
        }

        if (marker is not null)
        {
            url.Append("&marker=").Append(Uri.EscapeDataString(marker));
        }

        if (_options.ListPageSize is { } pageSize)
        {
            url.Append("&maxresults=").Append(pageSize.ToString(CultureInfo.InvariantCulture));
        }

        return url.ToString();
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_containerReady)
        {
            return;
        }

        await _containerGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_containerReady)
            {
                await CreateContainerIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _containerGate.Release();
        }
    }

    /// <summary>Signs and sends one request per attempt; the response is handled inside the attempt so a body cut off mid-read is retried too.</summary>
    private async Task<T> SendAsync<T>(
        string target,
        Func<HttpRequestMessage> createRequest,
        Func<HttpResponseMessage, CancellationToken, ValueTask<T>> handleResponse,
        CancellationToken cancellationToken)
    {
        try
        {
            return await _retry.ExecuteAsync(
                async token =>
                {
                    using var request = createRequest();
                    request.Headers.TryAddWithoutValidation("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
                    request.Headers.TryAddWithoutValidation("x-ms-version", _options.ApiVersion);
                    _signer.Sign(request);
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                    if (TransientResponseException.IsTransient(response.StatusCode))
                    {
                        throw new TransientResponseException(response.StatusCode, ErrorCode(response));
                    }

                    if (_options.CreateContainerIfNotExists && ErrorCode(response) == "ContainerNotFound")
                    {
                        // Deleted behind our back: this call reports it, the next one recreates the container.
                        _containerReady = false;
                    }

                    return await handleResponse(response, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TransientResponseException or HttpRequestException or IOException
                                   || (ex is TaskCanceledException && ex.InnerException is TimeoutException))
        {
            throw new BlobStoreException(target, $"Azure Blob request for '{target}' at {_containerUrl} failed after {_options.MaxRetryAttempts + 1} attempts: {ex.Message}", ex);
        }
    }

    private static void AddCondition(HttpRequestMessage request, BlobCondition condition)
    {
        switch (condition.Kind)
        {
            case BlobConditionKind.IfNoneMatchAny:
                request.Headers.TryAddWithoutValidation("If-None-Match", "*");
                break;
            case BlobConditionKind.IfMatch:
                request.Headers.TryAddWithoutValidation("If-Match", condition.ETag!.Value.Value);
                break;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, long length, string name, CancellationToken cancellationToken)
    {
        if (length > Array.MaxLength)
        {
            throw new BlobStoreException(name, $"Blob '{name}' is {length} bytes, more than one in-memory buffer can hold.");
        }

        // Copy straight from the socket into one buffer of the announced size: no intermediate buffering of tens of MB.
        var content = new byte[length];
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await body.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        return content;
    }

    private static void VerifyIntegrity(HttpResponseMessage response, BlobProperties properties, byte[] content)
    {
        if (properties.ContentSha256 is { } sha256)
        {
            ContentHash.Verify(properties.Name, sha256, content);
            return;
        }

        // Blobs uploaded by other tools usually carry at least the MD5 the service computed or was given.
        if (response.Content.Headers.ContentMD5 is { } md5)
        {
            var actual = MD5.HashData(content);
            if (!actual.AsSpan().SequenceEqual(md5))
            {
                throw new BlobCorruptedException(properties.Name, "md5:" + Convert.ToBase64String(md5), "md5:" + Convert.ToBase64String(actual));
            }

            return;
        }

        throw new BlobCorruptedException(properties.Name, $"it carries neither {HashMetadataHeader} metadata nor Content-MD5, so its content cannot be verified.");
    }

    private static BlobProperties PropertiesOf(HttpResponseMessage response, string name)
    {
        var length = response.Content.Headers.ContentLength
            ?? throw new BlobStoreException(name, $"Azure Blob response for '{name}' has no Content-Length.");
        var lastModified = response.Content.Headers.LastModified
            ?? throw new BlobStoreException(name, $"Azure Blob response for '{name}' has no Last-Modified.");
        var sha256 = response.Headers.NonValidated.TryGetValues(HashMetadataHeader, out var values) ? values.ToString() : null;
        return new BlobProperties(name, length, ETagOf(response, name), lastModified, sha256);
    }

    private static BlobETag ETagOf(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues("ETag", out var values) && values.ToString() is { Length: > 0 } etag
            ? new BlobETag(etag)
            : throw new BlobStoreException(name, $"Azure Blob response for '{name}' has no ETag.");

    private static string? ErrorCode(HttpResponseMessage response) =>
        response.Headers.NonValidated.TryGetValues("x-ms-error-code", out var values) ? values.ToString() : null;

    /// <summary>412, 409 BlobAlreadyExists (create-only on an existing blob) and 404 on If-Match (blob gone) all mean "re-read and retry".</summary>
    private static BlobConditionFailedException? ConditionFailure(HttpResponseMessage response, string name, BlobCondition condition)
    {
        var failed = response.StatusCode switch
        {
            HttpStatusCode.PreconditionFailed => true,
            HttpStatusCode.Conflict => ErrorCode(response) == "BlobAlreadyExists",
            HttpStatusCode.NotFound => condition.Kind == BlobConditionKind.IfMatch && ErrorCode(response) != "ContainerNotFound",
            _ => false,
        };
        return failed ? new BlobConditionFailedException(name, condition) : null;
    }

    private static BlobStoreException Failure(HttpResponseMessage response, string operation, string? name = null)
    {
        var target = name ?? response.RequestMessage?.RequestUri?.AbsolutePath ?? "?";
        var code = ErrorCode(response) ?? "no error code";
        var status = (int)response.StatusCode;
        return response.StatusCode == HttpStatusCode.Forbidden
            ? new BlobStoreException(target, $"Azure Blob authorization failed ({status} {code}) to {operation} '{target}': check AccountName and AccountKey in the connection string, the container's permissions, and that this machine's clock is within 15 minutes of UTC.")
            : new BlobStoreException(target, $"Azure Blob could not {operation} '{target}': {status} {response.ReasonPhrase} ({code}).");
    }

    private static void ValidateContainerName(string containerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(containerName, nameof(AzureBlobStoreOptions.ContainerName));
        var valid = containerName.Length is >= 3 and <= 63
            && char.IsAsciiLetterOrDigit(containerName[0]) && char.IsAsciiLetterOrDigit(containerName[^1])
            && !containerName.Contains("--", StringComparison.Ordinal)
            && containerName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
        if (!valid)
        {
            throw new ArgumentException(
                $"Container name '{containerName}' is invalid: use 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(AzureBlobStoreOptions.ContainerName));
        }
    }
}
