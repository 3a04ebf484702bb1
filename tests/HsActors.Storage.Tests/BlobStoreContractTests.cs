using HsActors.Abstractions.Blobs;

namespace HsActors.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IBlobStore"/> promises; each store runs the same bodies through a subclass.
/// Stores are created with a list page size of <see cref="ListPageSize"/> so listing crosses page boundaries where the store pages.
/// </summary>
public abstract class BlobStoreContractTests : IAsyncLifetime
{
    protected const int ListPageSize = 2;

    protected IBlobStore Store { get; private set; } = null!;

    protected abstract Task<IBlobStore> CreateStoreAsync(int listPageSize);

    /// <summary>Damages the stored bytes of <paramref name="name"/> behind the store's back.</summary>
    protected abstract Task CorruptStoredContentAsync(string name, byte[] content);

    public async Task InitializeAsync() => Store = await CreateStoreAsync(ListPageSize);

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Put_then_get_round_trips_bytes_etag_and_hash()
    {
        var content = TestBytes.Random(100_003);

        var etag = await Store.PutAsync("models/84/v1", content, BlobCondition.None);
        var read = await Store.GetAsync("models/84/v1");
        var properties = await Store.GetPropertiesAsync("models/84/v1");

        Assert.NotNull(read);
        Assert.Equal(content, read.Content.ToArray());
        Assert.Equal(etag, read.ETag);
        Assert.Equal(content.Length, read.Properties.Length);
        Assert.Equal(ContentHash.Sha256Hex(content), read.Properties.ContentSha256);
        Assert.Equal(read.Properties, properties);
        Assert.InRange(read.Properties.LastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Empty_and_large_blobs_round_trip()
    {
        var large = TestBytes.Random(24 * 1024 * 1024 + 17);

        await Store.PutAsync("empty", ReadOnlyMemory<byte>.Empty, BlobCondition.None);
        await Store.PutAsync("models/large", large, BlobCondition.None);

        var empty = await Store.GetAsync("empty");
        var largeRead = await Store.GetAsync("models/large");

        Assert.Equal(0, empty!.Content.Length);
        Assert.True(large.AsSpan().SequenceEqual(largeRead!.Content.Span));
    }

    [Fact]
    public async Task Names_with_spaces_colons_and_unicode_round_trip()
    {
        const string name = "models/chapter 84/2026-11-23T10:00Z ü+v=1";
        var content = TestBytes.Random(64);

        await Store.PutAsync(name, content, BlobCondition.None);

        Assert.Equal(content, (await Store.GetAsync(name))!.Content.ToArray());
        var listed = await ToListAsync(Store.ListAsync("models/chapter 84/"));
        Assert.Equal(name, Assert.Single(listed).Name);
    }

    [Fact]
    public async Task Missing_blob_reads_as_null()
    {
        Assert.Null(await Store.GetAsync("models/99/none"));
        Assert.Null(await Store.GetPropertiesAsync("models/99/none"));
    }

    [Fact]
    public async Task Create_only_put_succeeds_once_then_fails_and_keeps_the_first_content()
    {
        var first = TestBytes.Random(32);

        var etag = await Store.PutAsync("pointers/84", first, BlobCondition.IfNoneMatchAny);
        var failure = await Assert.ThrowsAsync<BlobConditionFailedException>(
            () => Store.PutAsync("pointers/84", TestBytes.Random(32), BlobCondition.IfNoneMatchAny));

        Assert.Equal("pointers/84", failure.BlobName);
        var stored = await Store.GetAsync("pointers/84");
        Assert.Equal(first, stored!.Content.ToArray());
        Assert.Equal(etag, stored.ETag);
    }

    [Fact]
    public async Task If_match_fails_with_a_stale_etag_and_succeeds_with_the_current_one()
    {
        var stale = await Store.PutAsync("pointers/84", TestBytes.Random(16), BlobCondition.None);
        var current = await Store.PutAsync("pointers/84", TestBytes.Random(16), BlobCondition.None);
        var next = TestBytes.Random(16);

        Assert.NotEqual(stale, current);
        await Assert.ThrowsAsync<BlobConditionFailedException>(
            () => Store.PutAsync("pointers/84", TestBytes.Random(16), BlobCondition.IfMatch(stale)));
        var newest = await Store.PutAsync("pointers/84", next, BlobCondition.IfMatch(current));

        var stored = await Store.GetAsync("pointers/84");
        Assert.Equal(next, stored!.Content.ToArray());
        Assert.Equal(newest, stored.ETag);
        Assert.NotEqual(current, newest);
    }

    [Fact]
    public async Task Rewriting_identical_bytes_still_changes_the_etag()
    {
        var content = TestBytes.Random(16);

        var first = await Store.PutAsync("pointers/84", content, BlobCondition.None);
        var second = await Store.PutAsync("pointers/84", content, BlobCondition.None);

        Assert.NotEqual(first, second);
        await Assert.ThrowsAsync<BlobConditionFailedException>(
            () => Store.PutAsync("pointers/84", content, BlobCondition.IfMatch(first)));
    }

    [Fact]
    public async Task If_match_on_a_missing_blob_fails()
    {
        var etag = await Store.PutAsync("pointers/84", TestBytes.Random(16), BlobCondition.None);
        Assert.True(await Store.DeleteAsync("pointers/84", BlobCondition.None));

        await Assert.ThrowsAsync<BlobConditionFailedException>(
            () => Store.PutAsync("pointers/84", TestBytes.Random(16), BlobCondition.IfMatch(etag)));
        Assert.Null(await Store.GetAsync("pointers/84"));
    }

    [Fact]
    public async Task Exactly_one_of_many_concurrent_compare_and_swaps_wins()
    {
        const int writers = 8;
        var start = await Store.PutAsync("pointers/84", TestBytes.Random(16), BlobCondition.None);
        var contents = Enumerable.Range(0, writers).Select(_ => TestBytes.Random(256)).ToArray();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = contents.Select(content => Task.Run(async () =>
        {
            await gate.Task; // released together, without blocking pool threads
            try
            {
                return (Content: content, ETag: (BlobETag?)await Store.PutAsync("pointers/84", content, BlobCondition.IfMatch(start)));
            }
            catch (BlobConditionFailedException)
            {
                return (Content: content, ETag: null);
            }
        })).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.ETag is not null);
        var stored = await Store.GetAsync("pointers/84");
        Assert.Equal(winner.Content, stored!.Content.ToArray());
        Assert.Equal(winner.ETag, stored.ETag);
    }

    [Fact]
    public async Task List_returns_exactly_the_prefixed_blobs_in_name_order_across_pages()
    {
        var written = new Dictionary<string, BlobETag>();
        foreach (var name in new[] { "models/84/v3", "models/84/v1", "models/84/v10", "models/84/v2", "models/84/v5", "models/84/v4", "models/84/v6" })
        {
            written[name] = await Store.PutAsync(name, TestBytes.Random(name.Length), BlobCondition.None);
        }

        await Store.PutAsync("models/85/v1", TestBytes.Random(8), BlobCondition.None);
        await Store.PutAsync("models/840", TestBytes.Random(8), BlobCondition.None);
        await Store.PutAsync("pointers/84", TestBytes.Random(8), BlobCondition.None);

        var chapter84 = await ToListAsync(Store.ListAsync("models/84/"));
        var models8 = await ToListAsync(Store.ListAsync("models/8"));
        var all = await ToListAsync(Store.ListAsync(""));

        Assert.Equal(written.Keys.Order(StringComparer.Ordinal), chapter84.Select(b => b.Name));
        Assert.All(chapter84, b =>
        {
            Assert.Equal(written[b.Name], b.ETag);
            Assert.Equal(b.Name.Length, b.Length);
            Assert.NotNull(b.ContentSha256);
        });
        Assert.Equal(written.Count + 2, models8.Count);
        Assert.Equal(written.Count + 3, all.Count);
        Assert.Empty(await ToListAsync(Store.ListAsync("models/86/")));
    }

    [Fact]
    public async Task Delete_removes_once_and_honours_if_match()
    {
        var etag = await Store.PutAsync("models/84/v1", TestBytes.Random(16), BlobCondition.None);
        var newer = await Store.PutAsync("models/84/v1", TestBytes.Random(16), BlobCondition.None);

        await Assert.ThrowsAsync<BlobConditionFailedException>(() => Store.DeleteAsync("models/84/v1", BlobCondition.IfMatch(etag)));
        Assert.NotNull(await Store.GetAsync("models/84/v1"));
        Assert.True(await Store.DeleteAsync("models/84/v1", BlobCondition.IfMatch(newer)));
        Assert.Null(await Store.GetAsync("models/84/v1"));
        Assert.False(await Store.DeleteAsync("models/84/v1", BlobCondition.None));
        Assert.Empty(await ToListAsync(Store.ListAsync("models/")));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync("models/84/v1", BlobCondition.IfNoneMatchAny));
    }

    [Fact]
    public async Task Corrupted_content_is_detected_on_read()
    {
        var content = TestBytes.Random(4096);
        await Store.PutAsync("models/84/v1", content, BlobCondition.None);

        await CorruptStoredContentAsync("models/84/v1", content);

        var failure = await Assert.ThrowsAsync<BlobCorruptedException>(() => Store.GetAsync("models/84/v1"));
        Assert.Equal("models/84/v1", failure.BlobName);
        Assert.Equal(ContentHash.Sha256Hex(content), failure.ExpectedHash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/models/84")]
    [InlineData("models//84")]
    [InlineData("models/84/")]
    [InlineData("models/../secrets")]
    [InlineData("..")]
    [InlineData("models/./84")]
    [InlineData("models\\84")]
    [InlineData("models/8\u00004")]
    public async Task Invalid_names_are_rejected_with_argument_exception(string name)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(name, TestBytes.Random(4), BlobCondition.None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetAsync(name));
    }

    private static async Task<List<BlobProperties>> ToListAsync(IAsyncEnumerable<BlobProperties> source)
    {
        var list = new List<BlobProperties>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
