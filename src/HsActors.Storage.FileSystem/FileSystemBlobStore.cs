using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using HsActors.Abstractions.Blobs;

namespace HsActors.Storage.FileSystem;

/// <summary>
/// Embedded <see cref="IBlobStore"/> on a local directory. Writes go to a temp file in the target directory,
/// are fsync'ed, then renamed over the target under <see cref="StoreWriteLock"/>, so readers see the old or the
/// new version and never a torn one, and conditional writes are atomic across threads and processes.
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private const FileShare ReaderShare = FileShare.Read | FileShare.Delete; // lets writers rename over an open file on Windows too

    private readonly BlobPathMap _paths;
    private readonly StoreWriteLock _writeLock;

    public FileSystemBlobStore(FileSystemBlobStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.RootDirectory, nameof(options.RootDirectory));
        _paths = new BlobPathMap(options.RootDirectory);
        Directory.CreateDirectory(_paths.Root);
        _writeLock = new StoreWriteLock(_paths.Root, options.LockTimeout);
    }

    public FileSystemBlobStore(string rootDirectory)
        : this(new FileSystemBlobStoreOptions { RootDirectory = rootDirectory })
    {
    }

    public string RootDirectory => _paths.Root;

    /// <summary>The file whose exclusive OS lock serialises writers across processes (flock on Linux).</summary>
    public string LockFilePath => _writeLock.LockFilePath;

    /// <summary>The file holding <paramref name="name"/> (header + content); exposed for operators and corruption drills.</summary>
    public string GetFilePath(string name) => _paths.ToPath(name);

    public async Task<BlobETag> PutAsync(string name, ReadOnlyMemory<byte> content, BlobCondition condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var path = _paths.ToPath(name);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);

        var header = new BlobFileHeader(Guid.CreateVersion7(), SHA256.HashData(content.Span), content.Length, DateTimeOffset.UtcNow);
        var tempPath = Path.Combine(directory, "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            await WriteDurablyAsync(tempPath, header, content, cancellationToken).ConfigureAwait(false);
            await using (await _writeLock.AcquireAsync(name, cancellationToken).ConfigureAwait(false))
            {
                var current = await TryReadHeaderAsync(path, name, cancellationToken).ConfigureAwait(false);
                EnsureConditionHolds(name, condition, current);
                File.Move(tempPath, path, overwrite: true);
            }
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }

        return new BlobETag(header.ETagText);
    }

    public async Task<BlobContent?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = _paths.ToPath(name);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, ReaderShare, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        await using (file.ConfigureAwait(false))
        {
            var header = await ReadHeaderAsync(file, name, cancellationToken).ConfigureAwait(false);
            var content = new byte[header.ContentLength];
            try
            {
                await file.ReadExactlyAsync(content, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
                throw new BlobCorruptedException(name, "the file ended before the recorded content length.");
            }

            ContentHash.Verify(name, header.Sha256Hex, content);
            return new BlobContent(ToProperties(name, header), content);
        }
    }

    public async Task<BlobProperties?> GetPropertiesAsync(string name, CancellationToken cancellationToken = default)
    {
        var path = _paths.ToPath(name);
        var header = await TryReadHeaderAsync(path, name, cancellationToken).ConfigureAwait(false);
        return header is { } h ? ToProperties(name, h) : null;
    }

    public async Task<bool> DeleteAsync(string name, BlobCondition condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (condition.Kind == BlobConditionKind.IfNoneMatchAny)
        {
            throw new ArgumentException("Delete with If-None-Match * can never succeed on an existing blob; use None or IfMatch.", nameof(condition));
        }

        var path = _paths.ToPath(name);
        await using (await _writeLock.AcquireAsync(name, cancellationToken).ConfigureAwait(false))
        {
            var current = await TryReadHeaderAsync(path, name, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return false;
            }

            EnsureConditionHolds(name, condition, current);
            File.Delete(path);
            return true;
        }
    }

    public async IAsyncEnumerable<BlobProperties> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobNames.ValidatePrefix(prefix);
        var start = _paths.DirectoryForPrefix(prefix);
        if (!Directory.Exists(start))
        {
            yield break;
        }

        var names = new List<string>();
        foreach (var file in Directory.EnumerateFiles(start, "*" + BlobPathMap.BlobSuffix, SearchOption.AllDirectories))
        {
            if (_paths.ToName(file) is { } name && name.StartsWith(prefix, StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A blob deleted between enumeration and this read is simply no longer listed.
            if (await TryReadHeaderAsync(_paths.ToPath(name), name, cancellationToken).ConfigureAwait(false) is { } header)
            {
                yield return ToProperties(name, header);
            }
        }
    }

    private static async Task WriteDurablyAsync(string path, BlobFileHeader header, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var headerBytes = ArrayPool<byte>.Shared.Rent(BlobFileHeader.Size);
        try
        {
            header.WriteTo(headerBytes);
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            file.SetLength(BlobFileHeader.Size + content.Length);
            await file.WriteAsync(headerBytes.AsMemory(0, BlobFileHeader.Size), cancellationToken).ConfigureAwait(false);
            await file.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            // fsync before the rename: otherwise a crash could publish a name pointing at unwritten blocks.
            file.Flush(flushToDisk: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(headerBytes);
        }
    }

    private static async Task<BlobFileHeader?> TryReadHeaderAsync(string path, string name, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, ReaderShare, 1, FileOptions.Asynchronous);
            return await ReadHeaderAsync(file, name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static async Task<BlobFileHeader> ReadHeaderAsync(FileStream file, string name, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlobFileHeader.Size);
        try
        {
            var read = await file.ReadAtLeastAsync(buffer.AsMemory(0, BlobFileHeader.Size), BlobFileHeader.Size, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false);
            return BlobFileHeader.Read(buffer.AsSpan(0, read), file.Length, name);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void EnsureConditionHolds(string name, BlobCondition condition, BlobFileHeader? current)
    {
        var holds = condition.Kind switch
        {
            BlobConditionKind.None => true,
            BlobConditionKind.IfNoneMatchAny => current is null,
            BlobConditionKind.IfMatch => current is { } c && new BlobETag(c.ETagText) == condition.ETag,
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Kind, "Unknown condition kind."),
        };
        if (!holds)
        {
            throw new BlobConditionFailedException(name, condition);
        }
    }

    private static BlobProperties ToProperties(string name, BlobFileHeader header) =>
        new(name, header.ContentLength, new BlobETag(header.ETagText), header.LastModified, header.Sha256Hex);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is invisible to readers and listing.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
