namespace HsActors.Storage.AzureBlob;

public sealed record AzureBlobStoreOptions
{
    /// <summary>Connection string (AccountName/AccountKey/BlobEndpoint or UseDevelopmentStorage=true).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>Container holding the blobs: 3-63 lower-case letters, digits and single hyphens.</summary>
    public required string ContainerName { get; init; }

    /// <summary>Create the container on first use when it does not exist.</summary>
    public bool CreateContainerIfNotExists { get; init; } = true;

    /// <summary>List Blobs page size (maxresults); <c>null</c> leaves the service default (5000).</summary>
    public int? ListPageSize { get; init; }

    /// <summary>Retries after the first attempt for transient failures (408, 429, 5xx, network errors, timeouts).</summary>
    public int MaxRetryAttempts { get; init; } = 4;

    /// <summary>First retry delay; doubles each attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>REST API version sent as x-ms-version; 2021-08-06 allows single Put Blob up to 5000 MiB and is accepted by Azurite 3.x.</summary>
    public string ApiVersion { get; init; } = "2021-08-06";
}
