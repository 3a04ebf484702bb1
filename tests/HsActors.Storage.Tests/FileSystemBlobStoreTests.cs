using System.Diagnostics;
using HsActors.Abstractions.Blobs;
using HsActors.Storage.FileSystem;

namespace HsActors.Storage.Tests;

/// <summary>What only the file-system store has to prove: on-disk layout, atomic publication and the cross-process lock.</summary>
public sealed class FileSystemBlobStoreTests : IDisposable
{
    private readonly TemporaryDirectory _root = new("fsblobs");
    private readonly FileSystemBlobStore _store;

    public FileSystemBlobStoreTests()
    {
        _store = new FileSystemBlobStore(new FileSystemBlobStoreOptions { RootDirectory = _root.Path, LockTimeout = TimeSpan.FromSeconds(20) });
    }

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_lock_held_by_another_process_blocks_writers_until_released()
    {
        await _store.PutAsync("pointers/84", TestBytes.Random(8), BlobCondition.None); // creates the lock file
        using var holder = StartLockHolder(_store.LockFilePath, seconds: 1.5);
        Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync());

        var put = _store.PutAsync("pointers/84", TestBytes.Random(8), BlobCondition.None);
        await Task.Delay(500);
        Assert.False(put.IsCompleted, "the put went through while another process held the store lock");

        await holder.WaitForExitAsync();
        await put.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Writes_leave_only_blob_files_behind_even_when_a_condition_fails()
    {
        var etag = await _store.PutAsync("models/84/v1", TestBytes.Random(1000), BlobCondition.None);
        await _store.PutAsync("models/84/v1", TestBytes.Random(1000), BlobCondition.None);
        await Assert.ThrowsAsync<BlobConditionFailedException>(() => _store.PutAsync("models/84/v1", TestBytes.Random(1000), BlobCondition.IfMatch(etag)));
        await Assert.ThrowsAsync<BlobConditionFailedException>(() => _store.PutAsync("models/84/v1", TestBytes.Random(1000), BlobCondition.IfNoneMatchAny));

        var files = Directory.GetFiles(_root.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_root.Path, f)).Order().ToArray();

        Assert.Equal(new[] { ".hsactors-blobs.lock", Path.Combine("models", "84", "v1.blob") }, files);
    }

    [Fact]
    public async Task A_truncated_file_is_reported_as_corrupted()
    {
        await _store.PutAsync("models/84/v1", TestBytes.Random(5000), BlobCondition.None);
        using (var file = new FileStream(_store.GetFilePath("models/84/v1"), FileMode.Open, FileAccess.ReadWrite))
        {
            file.SetLength(file.Length - 100);
        }

        var failure = await Assert.ThrowsAsync<BlobCorruptedException>(() => _store.GetAsync("models/84/v1"));
        Assert.Contains("5000", failure.Message);
    }

    [Fact]
    public async Task A_blob_and_a_folder_of_the_same_name_coexist_as_in_azure()
    {
        var parent = TestBytes.Random(10);
        var child = TestBytes.Random(20);

        await _store.PutAsync("models/84", parent, BlobCondition.None);
        await _store.PutAsync("models/84/v1", child, BlobCondition.None);

        Assert.Equal(parent, (await _store.GetAsync("models/84"))!.Content.ToArray());
        Assert.Equal(child, (await _store.GetAsync("models/84/v1"))!.Content.ToArray());
    }

    [Fact]
    public async Task A_folder_segment_ending_in_the_blob_suffix_is_rejected()
    {
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => _store.PutAsync("models/x.blob/v1", TestBytes.Random(4), BlobCondition.None));
        Assert.Contains(".blob", failure.Message);
    }

    [Fact]
    public async Task A_second_store_on_the_same_root_sees_the_writes()
    {
        var content = TestBytes.Random(64);
        var etag = await _store.PutAsync("pointers/84", content, BlobCondition.None);

        var other = new FileSystemBlobStore(_root.Path);
        var read = await other.GetAsync("pointers/84");

        Assert.Equal(content, read!.Content.ToArray());
        Assert.Equal(etag, read.ETag);
    }

    /// <summary>util-linux flock(1) takes the same kind of OS lock (flock LOCK_EX) that .NET takes for FileShare.None.</summary>
    private static Process StartLockHolder(string lockPath, double seconds)
    {
        const string flock = "/usr/bin/flock";
        Assert.True(File.Exists(flock), "flock(1) is missing: apt-get install util-linux");
        var startInfo = new ProcessStartInfo(flock) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--exclusive", lockPath, "sh", "-c", FormattableString.Invariant($"echo locked; sleep {seconds}") })
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo)!;
    }
}
