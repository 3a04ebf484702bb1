using HsActors.Abstractions.Blobs;
using HsActors.Storage.FileSystem;

namespace HsActors.Storage.Tests;

public sealed class FileSystemBlobStoreContractTests : BlobStoreContractTests
{
    private readonly TemporaryDirectory _root = new("fsblobs");

    protected override Task<IBlobStore> CreateStoreAsync(int listPageSize) =>
        Task.FromResult<IBlobStore>(new FileSystemBlobStore(_root.Path)); // the file store enumerates lazily; it has no pages

    protected override Task CorruptStoredContentAsync(string name, byte[] content)
    {
        var path = ((FileSystemBlobStore)Store).GetFilePath(name);
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = file.Length - (content.Length / 2); // inside the content, past the header
        var original = file.ReadByte();
        file.Position--;
        file.WriteByte((byte)(original ^ 0x01));
        return Task.CompletedTask;
    }

    public override Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}
