using Azure.Core;
using Azure.Core.Pipeline;

namespace HsActors.Storage.AzureBlob;

/// <summary>
/// Which storage account and container, and how to reach them. Give either <see cref="ConnectionString"/>, or
/// <see cref="Endpoint"/> and/or <see cref="AccountName"/> with <see cref="AccountKey"/> (Shared Key), or an endpoint
/// without a key (a token credential: <see cref="Credential"/>, else <c>DefaultAzureCredential</c>).
/// </summary>
public sealed record AzureBlobStoreOptions
{
    /// <summary>An Azure Storage connection string (account key, SAS or <c>UseDevelopmentStorage=true</c>).</summary>
    public string? ConnectionString { get; init; }

    public string? AccountName { get; init; }

    /// <summary>Base64 Shared Key of <see cref="AccountName"/>; without it the store authenticates with a token credential.</summary>
    public string? AccountKey { get; init; }

    /// <summary>Blob endpoint, e.g. https://myaccount.blob.core.windows.net or http://127.0.0.1:10000/devstoreaccount1; default https://{AccountName}.blob.core.windows.net.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Token credential used when no key is given; <c>null</c> = <c>DefaultAzureCredential</c> (managed identity, workload identity, environment, CLI).</summary>
    public TokenCredential? Credential { get; init; }

    /// <summary>Container holding the blobs: 3-63 lower-case letters, digits and single hyphens.</summary>
    public required string ContainerName { get; init; }

    /// <summary>Create the container on first use when it does not exist.</summary>
    public bool CreateContainerIfNotExists { get; init; } = true;

    /// <summary>List Blobs page size (maxresults); <c>null</c> leaves the service default (5000).</summary>
    public int? ListPageSize { get; init; }

    /// <summary>The SDK's retries after the first attempt for transient failures (408, 429, 5xx, network errors, timeouts).</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>First retry delay; the SDK doubles it each attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time one attempt may take, response body included, before it counts as a transient failure.</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>The SDK's HTTP transport; <c>null</c> = its default. Tests put an <see cref="HttpClientTransport"/> with a fault-injecting handler here.</summary>
    public HttpPipelineTransport? Transport { get; init; }
}
