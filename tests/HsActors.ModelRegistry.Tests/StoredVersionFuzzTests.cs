using CsCheck;
using HsActors.Abstractions.Models;
using HsActors.Fuzzing;
using HsActors.Storage.FileSystem;
using HsActors.Storage.Tests;

namespace HsActors.ModelRegistry.Tests;

/// <summary>
/// A version of the file-system registry whose files are damaged on disk (the blob, its manifest, or both; in the
/// store's checksummed header as well as in the content) is listed, read and opened intact, or refused with the
/// registry's own <see cref="ModelRegistryException"/>: the error the silo answers and logs by chapter. Never
/// another exception, which would escape the chapter's refusal and fail a whole request instead.
/// </summary>
public sealed class StoredVersionFuzzTests : IDisposable
{
    private const int NormalRun = 300;
    private const string Chapter = "40";

    private readonly TemporaryDirectory _root = new("modelregistry-fuzz");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task A_damaged_version_opens_intact_or_is_a_registry_error()
    {
        var store = new FileSystemBlobStore(_root.Path);
        var registry = new BlobModelRegistry(store);
        var content = Enumerable.Range(0, 3_000).Select(i => (byte)(i * 7)).ToArray();
        var manifest = await registry.PublishAsync(Chapter, content, new ModelVersionDraft { CreatedBy = "fuzz" });
        var files = new[] { ModelBlobNames.Version(Chapter, manifest.Version), ModelBlobNames.Manifest(Chapter, manifest.Version) }.Select(store.GetFilePath).ToArray();
        var pristine = files.Select(File.ReadAllBytes).ToArray();
        var cases = Gen.Select(Gen.Int[1, 3], ByteDamage.Any.Array[1, 3], (which, damage) => (which, damage));
        var failures = new List<string>();
        foreach (var (number, (which, damage)) in SeededSamples.Of(cases, NormalRun))
        {
            for (var f = 0; f < files.Length; f++)
            {
                var bytes = (which & (1 << f)) == 0 ? pristine[f] : damage.Aggregate(pristine[f], (b, change) => change(b));
                await File.WriteAllBytesAsync(files[f], bytes);
            }
            try
            {
                _ = await registry.ListVersionsAsync(Chapter);
                _ = await registry.GetManifestAsync(Chapter, manifest.Version);
                var opened = await registry.OpenVersionAsync(Chapter, manifest.Version);
                Assert.True(opened.Content.Span.SequenceEqual(content), "damaged content opened as intact");
            }
            catch (ModelRegistryException)
            {
                // refused, as it should be
            }
            catch (Exception e)
            {
                failures.Add($"#{number} ({(which == 3 ? "both files" : which == 1 ? "blob" : "manifest")}): {e.GetType().Name}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    /// <summary>Found by the fuzzer: a damaged modification time escaped as ArgumentOutOfRangeException.</summary>
    [Fact]
    public async Task A_store_header_with_an_impossible_time_is_a_corrupted_version()
    {
        var (store, registry, version) = await PublishedAsync();
        var path = store.GetFilePath(ModelBlobNames.Manifest(Chapter, version));
        var bytes = await File.ReadAllBytesAsync(path);
        BitConverter.TryWriteBytes(bytes.AsSpan(64, 8), long.MaxValue); // the header's last-modified milliseconds
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<ModelVersionCorruptedException>(() => registry.GetManifestAsync(Chapter, version));

        Assert.Contains("impossible modification time", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Found by the fuzzer: the file store's listing threw its own BlobCorruptedException past the registry.</summary>
    [Fact]
    public async Task Listing_past_a_damaged_blob_is_a_corrupted_version_of_that_blob()
    {
        var (store, registry, version) = await PublishedAsync();
        var path = store.GetFilePath(ModelBlobNames.Version(Chapter, version));
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[0] ^= 0xFF; // the store's magic
        await File.WriteAllBytesAsync(path, bytes);

        var listing = await Assert.ThrowsAsync<ModelVersionCorruptedException>(() => registry.ListVersionsAsync(Chapter));
        var chapters = await Assert.ThrowsAsync<ModelVersionCorruptedException>(() => registry.ListChaptersAsync());

        Assert.Equal(version, listing.Version);
        Assert.Equal(Chapter, chapters.Chapter);
    }

    private async Task<(FileSystemBlobStore Store, BlobModelRegistry Registry, string Version)> PublishedAsync()
    {
        var store = new FileSystemBlobStore(_root.Path);
        var registry = new BlobModelRegistry(store);
        var manifest = await registry.PublishAsync(Chapter, new byte[64], new ModelVersionDraft { CreatedBy = "fuzz" });
        return (store, registry, manifest.Version);
    }
}
