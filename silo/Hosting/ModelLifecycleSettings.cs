using HsActors.Storage.AzureBlob;

namespace HsActors.Silo.Hosting;

/// <summary>The <c>HsActors:Models</c> and <c>HsActors:AzureBlob</c> settings: where model versions live and how fast pointers are followed.</summary>
public sealed class ModelLifecycleSettings
{
    public const string ModelsSection = "HsActors:Models";
    public const string AzureBlobSection = "HsActors:AzureBlob";
    public const string RetrainingSection = "HsActors:Retraining";

    /// <summary>
    /// How often the pointers are polled as a backstop: changes are pushed to every silo by the pointer hub within a
    /// second, and the poll only covers a notice lost while the hub's activation moved.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Load every chapter model of the registry before the silo reports ready, for a first request as fast as the
    /// rest (the cluster turns it on). Off, chapters load on first use: a request awaits the loads its lines need
    /// before it ranks them, so a cold chapter costs that request its download, never a blocked thread.
    /// </summary>
    public bool LoadChaptersBeforeReady { get; set; }

    /// <summary>Chapter models loaded at once at start-up.</summary>
    public int ChapterLoadConcurrency { get; set; } = 4;
}

/// <summary>
/// Azure Blob storage for model versions: a connection string, or account name, key and endpoint, or an https endpoint
/// alone (then DefaultAzureCredential: managed or workload identity, environment, Azure CLI). Unset = the embedded
/// file-system store under the data directory.
/// </summary>
public sealed class AzureBlobSettings
{
    public string? ConnectionString { get; set; }

    public string? AccountName { get; set; }

    public string? AccountKey { get; set; }

    /// <summary>Blob endpoint, e.g. https://myaccount.blob.core.windows.net or http://127.0.0.1:10000/devstoreaccount1.</summary>
    public string? Endpoint { get; set; }

    public string Container { get; set; } = "hsactors-models";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(AccountName) || !string.IsNullOrWhiteSpace(Endpoint);

    public AzureBlobStoreOptions ToStoreOptions() => new()
    {
        ConnectionString = NullIfBlank(ConnectionString),
        AccountName = NullIfBlank(AccountName),
        AccountKey = NullIfBlank(AccountKey),
        Endpoint = NullIfBlank(Endpoint),
        ContainerName = Container,
    };

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
