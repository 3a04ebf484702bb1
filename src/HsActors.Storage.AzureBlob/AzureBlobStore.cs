using System.Net;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HsActors.Abstractions.Blobs;
using BlobProperties = HsActors.Abstractions.Blobs.BlobProperties;

namespace HsActors.Storage.AzureBlob;

/// <summary>
/// <see cref="IBlobStore"/> over the Azure SDK's <see cref="BlobContainerClient"/> (Azure Blob Storage or Azurite).
/// The SDK signs, retries and pages; this class maps our conditions and errors onto it and keeps our integrity rule:
/// each put sends Content-MD5 (the service rejects bytes damaged in transit) and records the SHA-256 as
/// <c>sha256</c> metadata, which every get re-checks against the bytes it received.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    private const string HashMetadataKey = "sha256";

    private readonly BlobContainerClient _container;
    private readonly AzureBlobStoreOptions _options;
    private readonly SemaphoreSlim _containerGate = new(1, 1);
    private volatile bool _containerReady;

    private AzureBlobStore(BlobContainerClient container, AzureBlobStoreOptions options)
    {
        _container = container;
        _options = options;
        _containerReady = !options.CreateContainerIfNotExists;
    }

    /// <summary>The store for <paramref name="options"/>; nothing is sent until the first call.</summary>
    public static AzureBlobStore Create(AzureBlobStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateContainerName(options.ContainerName);
        if (options.ListPageSize is < 1 or > 5000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ListPageSize, "ListPageSize must be between 1 and 5000.");
        }

        return new AzureBlobStore(AzureStorageAccount.Connect(options).GetBlobContainerClient(options.ContainerName), options);
    }

    public string ContainerUrl => _container.Uri.AbsoluteUri;

    /// <summary>Creates the container unless it exists. Called on first use when <see cref="AzureBlobStoreOptions.CreateContainerIfNotExists"/>.</summary>
    public async Task CreateContainerIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await CallAsync(_options.ContainerName, "create container", BlobCondition.None,
            () => _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        _containerReady = true;
    }

    public async Task<BlobETag> PutAsync(string name, ReadOnlyMemory<byte> content, BlobCondition condition, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(name);
        ArgumentNullException.ThrowIfNull(condition);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var upload = new BlobUploadOptions
        {
            // Stored with the blob, so tools that do not know our metadata can still verify it.
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream", ContentHash = MD5.HashData(content.Span) },
            Metadata = new Dictionary<string, string> { [HashMetadataKey] = ContentHash.Sha256Hex(content.Span) },
            Conditions = RequestConditions(condition),
            // Transactional Content-MD5 on every request the upload makes: the service refuses bytes damaged in transit.
            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
        };
        var response = await CallAsync(name, "put", condition,
            () => _container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), upload, cancellationToken)).ConfigureAwait(false);
        return ETagOf(response.Value.ETag, name);
    }

    public async Task<BlobContent?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(name);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var response = await CallOrNotFoundAsync(name, "get",
            () => _container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        using var download = response.Value;
        var details = download.Details;
        var properties = new BlobProperties(name, details.ContentLength, ETagOf(details.ETag, name), details.LastModified, HashOf(details.Metadata));
        var content = await ReadBodyAsync(download.Content, properties.Length, name, cancellationToken).ConfigureAwait(false);
        VerifyIntegrity(properties, details.BlobContentHash ?? details.ContentHash, content);
        return new BlobContent(properties, content);
    }

    public async Task<BlobProperties?> GetPropertiesAsync(string name, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(name);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var response = await CallOrNotFoundAsync(name, "get properties of",
            () => _container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        var blob = response.Value;
        return new BlobProperties(name, blob.ContentLength, ETagOf(blob.ETag, name), blob.LastModified, HashOf(blob.Metadata));
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
        if (condition.Kind == BlobConditionKind.None)
        {
            var deleted = await CallAsync(name, "delete", condition,
                () => _container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
            return deleted.Value;
        }

        // With If-Match a missing blob is a failed condition (someone else deleted it), never a quiet false.
        await CallAsync(name, "delete", condition,
            () => _container.GetBlobClient(name).DeleteAsync(conditions: RequestConditions(condition), cancellationToken: cancellationToken)).ConfigureAwait(false);
        return true;
    }

    public async IAsyncEnumerable<BlobProperties> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobNames.ValidatePrefix(prefix);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var listing = new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = prefix.Length > 0 ? prefix : null };
        // The service lists in name order; pages are fetched as the caller consumes them.
        await using var pages = _container.GetBlobsAsync(listing, cancellationToken).AsPages(pageSizeHint: _options.ListPageSize).GetAsyncEnumerator(cancellationToken);
        while (await CallAsync(prefix, "list", BlobCondition.None, async () => await pages.MoveNextAsync().ConfigureAwait(false)).ConfigureAwait(false))
        {
            foreach (var blob in pages.Current.Values)
            {
                yield return new BlobProperties(
                    blob.Name,
                    blob.Properties.ContentLength ?? throw new BlobStoreException(blob.Name, $"Azure Blob listing for '{blob.Name}' has no Content-Length."),
                    ETagOf(blob.Properties.ETag, blob.Name),
                    blob.Properties.LastModified ?? throw new BlobStoreException(blob.Name, $"Azure Blob listing for '{blob.Name}' has no Last-Modified."),
                    HashOf(blob.Metadata));
            }
        }
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

    /// <summary>A read whose 404 means "no such blob" (also when the container is gone), answered as <c>null</c>.</summary>
    private async Task<T?> CallOrNotFoundAsync<T>(string target, string operation, Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await CallAsync(target, operation, BlobCondition.None, call).ConfigureAwait(false);
        }
        catch (BlobStoreException ex) when (ex.InnerException is RequestFailedException { Status: (int)HttpStatusCode.NotFound })
        {
            return null;
        }
    }

    /// <summary>One SDK call (its retries included), with the SDK's failures turned into the store's exceptions.</summary>
    private async Task<T> CallAsync<T>(string target, string operation, BlobCondition condition, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            if (_options.CreateContainerIfNotExists && ex.ErrorCode == BlobErrorCode.ContainerNotFound)
            {
                // Deleted behind our back: this call reports it, the next one recreates the container.
                _containerReady = false;
            }

            throw IsConditionFailure(ex, condition) ? new BlobConditionFailedException(target, condition, ex) : Failure(ex, operation, target);
        }
        catch (AggregateException ex)
        {
            // The SDK's retry policy gives up on exceptions (dropped connections, timeouts) with all of them aggregated.
            throw new BlobStoreException(target, $"Azure Blob could not {operation} '{target}' at {ContainerUrl} after {Attempts} attempts: {ex.InnerExceptions[^1].Message}", ex);
        }
    }

    private int Attempts => _options.MaxRetryAttempts + 1;

    /// <summary>412, 409 BlobAlreadyExists (create-only on an existing blob) and 404 on If-Match (blob gone) all mean "re-read and retry".</summary>
    private static bool IsConditionFailure(RequestFailedException ex, BlobCondition condition) => ex.Status switch
    {
        (int)HttpStatusCode.PreconditionFailed => true,
        (int)HttpStatusCode.Conflict => ex.ErrorCode == BlobErrorCode.BlobAlreadyExists,
        (int)HttpStatusCode.NotFound => condition.Kind == BlobConditionKind.IfMatch && ex.ErrorCode != BlobErrorCode.ContainerNotFound,
        _ => false,
    };

    private BlobStoreException Failure(RequestFailedException ex, string operation, string target)
    {
        var code = ex.ErrorCode ?? "no error code";
        return ex.Status switch
        {
            (int)HttpStatusCode.Forbidden => new BlobStoreException(target, $"Azure Blob authorization failed ({ex.Status} {code}) to {operation} '{target}': check AccountName and AccountKey (or the token credential's role on the container), the container's permissions, and that this machine's clock is within 15 minutes of UTC.", ex),
            0 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500 =>
                new BlobStoreException(target, $"Azure Blob could not {operation} '{target}' at {ContainerUrl} after {Attempts} attempts: {ex.Status} ({code}).", ex),
            _ => new BlobStoreException(target, $"Azure Blob could not {operation} '{target}': {ex.Status} ({code}).", ex),
        };
    }

    private static BlobRequestConditions? RequestConditions(BlobCondition condition) => condition.Kind switch
    {
        BlobConditionKind.IfNoneMatchAny => new BlobRequestConditions { IfNoneMatch = ETag.All },
        BlobConditionKind.IfMatch => new BlobRequestConditions { IfMatch = new ETag(condition.ETag!.Value.Value) },
        _ => null,
    };

    private static async Task<byte[]> ReadBodyAsync(Stream body, long length, string name, CancellationToken cancellationToken)
    {
        if (length > Array.MaxLength)
        {
            throw new BlobStoreException(name, $"Blob '{name}' is {length} bytes, more than one in-memory buffer can hold.");
        }

        // Straight from the SDK's (retrying) stream into one buffer of the announced size: no intermediate copies of tens of MB.
        var content = new byte[length];
        await body.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
        return content;
    }

    private static void VerifyIntegrity(BlobProperties properties, byte[]? md5, byte[] content)
    {
        if (properties.ContentSha256 is { } sha256)
        {
            ContentHash.Verify(properties.Name, sha256, content);
            return;
        }

        // Blobs uploaded by other tools usually carry at least the MD5 the service computed or was given.
        if (md5 is { Length: > 0 })
        {
            var actual = MD5.HashData(content);
            if (!actual.AsSpan().SequenceEqual(md5))
            {
                throw new BlobCorruptedException(properties.Name, "md5:" + Convert.ToBase64String(md5), "md5:" + Convert.ToBase64String(actual));
            }

            return;
        }

        throw new BlobCorruptedException(properties.Name, $"it carries neither {HashMetadataKey} metadata nor Content-MD5, so its content cannot be verified.");
    }

    private static string? HashOf(IDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(HashMetadataKey, out var sha256) ? sha256 : null;

    private static BlobETag ETagOf(ETag? etag, string name) =>
        etag?.ToString() is { Length: > 0 } value ? new BlobETag(value) : throw new BlobStoreException(name, $"Azure Blob response for '{name}' has no ETag.");

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
