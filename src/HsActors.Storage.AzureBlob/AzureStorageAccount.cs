using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;

namespace HsActors.Storage.AzureBlob;

/// <summary>
/// Turns <see cref="AzureBlobStoreOptions"/> into the SDK's <see cref="BlobServiceClient"/>, so that the model registry
/// and any other Azure Storage user of the silo (the Orleans providers) name one account the same way.
/// </summary>
public static class AzureStorageAccount
{
    public static BlobServiceClient Connect(AzureBlobStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = ClientOptions(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            if (options.AccountName is not null || options.AccountKey is not null || options.Endpoint is not null)
            {
                throw new ArgumentException("Give either ConnectionString or AccountName/AccountKey/Endpoint, not both.", nameof(options));
            }

            try
            {
                return new BlobServiceClient(options.ConnectionString, clientOptions);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                // The SDK's message names the missing or malformed setting; the string itself may hold a key, so it is not repeated.
                throw new ArgumentException($"ConnectionString is not a valid Azure Storage connection string: {ex.Message}", nameof(options), ex);
            }
        }

        var hasKey = !string.IsNullOrWhiteSpace(options.AccountKey);
        if (hasKey && string.IsNullOrWhiteSpace(options.AccountName))
        {
            throw new ArgumentException("AccountKey is set but AccountName is not; Shared Key signs with both.", nameof(options));
        }

        var endpoint = EndpointOf(options);
        if (hasKey)
        {
            var accountName = options.AccountName!;
            if (!IsBase64(options.AccountKey!))
            {
                throw new ArgumentException($"AccountKey of account '{accountName}' is not valid base64.", nameof(options));
            }

            return new BlobServiceClient(endpoint, new StorageSharedKeyCredential(accountName, options.AccountKey!), clientOptions);
        }

        if (endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Endpoint '{endpoint}' has no AccountKey, so a token credential would be used, which Azure Storage accepts over https only.", nameof(options));
        }

        TokenCredential credential = options.Credential ?? new DefaultAzureCredential();
        return new BlobServiceClient(endpoint, credential, clientOptions);
    }

    private static BlobClientOptions ClientOptions(AzureBlobStoreOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetryAttempts, nameof(options.MaxRetryAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryBaseDelay, TimeSpan.Zero, nameof(options.RetryBaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.NetworkTimeout, TimeSpan.Zero, nameof(options.NetworkTimeout));
        var clientOptions = new BlobClientOptions
        {
            Retry =
            {
                Mode = RetryMode.Exponential,
                MaxRetries = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                NetworkTimeout = options.NetworkTimeout,
            },
        };
        if (options.Transport is { } transport)
        {
            clientOptions.Transport = transport;
        }

        return clientOptions;
    }

    private static Uri EndpointOf(AzureBlobStoreOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            return Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)
                ? endpoint
                : throw new ArgumentException($"Endpoint '{options.Endpoint}' is not an absolute http(s) URL.", nameof(options));
        }

        return !string.IsNullOrWhiteSpace(options.AccountName)
            ? new Uri($"https://{options.AccountName}.blob.core.windows.net")
            : throw new ArgumentException("No storage account given: set ConnectionString, or Endpoint and/or AccountName (with AccountKey for Shared Key).", nameof(options));
    }

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = stackalloc byte[Math.Min(value.Length, 1024)];
        return value.Length <= 1024 && Convert.TryFromBase64String(value, buffer, out var written) && written > 0;
    }
}
