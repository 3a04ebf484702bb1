using HsActors.Abstractions.Blobs;
using HsActors.Storage.FileSystem;
using HsActors.Storage.Tests;

namespace HsActors.ModelRegistry.Tests;

public sealed class FileSystemModelRegistryTests : ModelRegistryContractTests
{
    private readonly TemporaryDirectory _root = new("modelregistry");

    protected override IBlobStore OpenStore() => new FileSystemBlobStore(_root.Path);

    protected override Task CorruptStoredContentAsync(string name, byte[] content)
    {
        var path = new FileSystemBlobStore(_root.Path).GetFilePath(name);
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = file.Length - (content.Length / 2); // inside the content, past the store's header
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
