namespace HsActors.Storage.FileSystem;

public sealed record FileSystemBlobStoreOptions
{
    /// <summary>Directory holding the blobs; created when missing.</summary>
    public required string RootDirectory { get; init; }

    /// <summary>How long a write waits for another writer (thread or process) before failing.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
