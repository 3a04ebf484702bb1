using System.Collections.Concurrent;
using HsActors.Abstractions.Blobs;

namespace HsActors.Storage.FileSystem;

/// <summary>
/// Serialises the check-then-rename step of writes and deletes on one store root. An in-process semaphore queues
/// threads without spinning; a lock file opened with <see cref="FileShare.None"/> (an OS-level exclusive lock on
/// Linux and Windows) excludes other processes. Held only for the condition check and the rename, never while
/// content is being written.
/// </summary>
internal sealed class StoreWriteLock
{
    public const string LockFileName = ".hsactors-blobs.lock";

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ProcessLocks = new(StringComparer.Ordinal);

    private readonly string _lockPath;
    private readonly SemaphoreSlim _processLock;
    private readonly TimeSpan _timeout;

    public StoreWriteLock(string root, TimeSpan timeout)
    {
        _lockPath = Path.Combine(root, LockFileName);
        _processLock = ProcessLocks.GetOrAdd(_lockPath, _ => new SemaphoreSlim(1, 1));
        _timeout = timeout;
    }

    public string LockFilePath => _lockPath;

    public async Task<IAsyncDisposable> AcquireAsync(string blobName, CancellationToken cancellationToken)
    {
        if (!await _processLock.WaitAsync(_timeout, cancellationToken).ConfigureAwait(false))
        {
            throw Timeout(blobName);
        }

        try
        {
            var deadline = DateTime.UtcNow + _timeout;
            var delay = TimeSpan.FromMilliseconds(2);
            while (true)
            {
                try
                {
                    var file = new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
                    return new Held(file, _processLock);
                }
                catch (IOException) when (File.Exists(_lockPath) && DateTime.UtcNow < deadline)
                {
                    // Another process holds the lock; back off a little more each time.
                    await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                    delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 50));
                }
                catch (IOException ex) when (File.Exists(_lockPath))
                {
                    throw Timeout(blobName, ex);
                }
            }
        }
        catch
        {
            _processLock.Release();
            throw;
        }
    }

    private BlobStoreException Timeout(string blobName, Exception? inner = null) =>
        new(blobName, $"Could not take the store write lock '{_lockPath}' within {_timeout.TotalSeconds:0.#} s; another writer holds it.", inner);

    private sealed class Held(FileStream file, SemaphoreSlim processLock) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await file.DisposeAsync().ConfigureAwait(false);
            processLock.Release();
        }
    }
}
