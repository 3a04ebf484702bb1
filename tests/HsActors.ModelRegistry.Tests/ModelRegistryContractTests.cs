using HsActors.Abstractions.Blobs;
using HsActors.Abstractions.Models;
using HsActors.Storage.Tests;

namespace HsActors.ModelRegistry.Tests;

/// <summary>
/// The registry's behaviour on every real store; each store runs the same bodies through a subclass.
/// <see cref="OpenStore"/> opens a new store instance over the same location, so a second registry plays a second
/// administrator (or silo) working on the same models.
/// </summary>
public abstract class ModelRegistryContractTests : IAsyncLifetime
{
    protected const string Chapter = "84";
    private const string Admin = "alice";

    protected BlobModelRegistry Registry { get; private set; } = null!;

    protected abstract IBlobStore OpenStore();

    /// <summary>Damages the stored bytes of blob <paramref name="name"/> behind the store's back.</summary>
    protected abstract Task CorruptStoredContentAsync(string name, byte[] content);

    public Task InitializeAsync()
    {
        Registry = OpenRegistry();
        return Task.CompletedTask;
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private BlobModelRegistry OpenRegistry(BlobModelRegistryOptions? options = null) => new(OpenStore(), options);

    private async Task<(ModelVersionManifest Manifest, byte[] Content)> PublishAsync(string chapter = Chapter, string? version = null, double accuracy = 0.9)
    {
        var content = TestBytes.Random(4096);
        var manifest = await Registry.PublishAsync(chapter, content, new ModelVersionDraft
        {
            CreatedBy = "trainer",
            Version = version,
            TrainingSummary = new Dictionary<string, TrainingSummaryValue> { ["rows"] = 1234, ["source"] = "btki-2022" },
            Figures = new Dictionary<string, double> { ["accuracy"] = accuracy },
        });
        return (manifest, content);
    }

    private async Task<string[]> PublishVersionsAsync(int count)
    {
        var versions = new string[count];
        for (var i = 0; i < count; i++)
        {
            versions[i] = (await PublishAsync(version: $"v{i + 1:D2}")).Manifest.Version;
        }

        return versions;
    }

    private async Task<ChapterPointer> PointerAsync() => (await Registry.GetPointerAsync(Chapter))!.Pointer;

    [Fact]
    public async Task Published_versions_list_newest_first_with_figures_and_open_verified()
    {
        var published = new List<(ModelVersionManifest Manifest, byte[] Content)>();
        for (var i = 0; i < 3; i++)
        {
            published.Add(await PublishAsync(accuracy: 0.8 + (i / 100.0)));
        }

        var listed = await Registry.ListVersionsAsync(Chapter);

        Assert.Equal(published.Select(p => p.Manifest.Version).Reverse(), listed.Select(m => m.Version));
        Assert.Equal(3, listed.Select(m => m.Version).Distinct().Count());
        foreach (var (manifest, content) in published)
        {
            Assert.Matches("^[0-9]{8}T[0-9]{9}Z-[0-9a-f]{6}$", manifest.Version);
            var entry = listed.Single(m => m.Version == manifest.Version);
            Assert.Equal(manifest.Figures["accuracy"], entry.Figures["accuracy"]);
            Assert.Equal(1234, entry.TrainingSummary["rows"].Number);
            Assert.Equal("btki-2022", entry.TrainingSummary["source"].Text);
            Assert.Equal(ContentHash.Sha256Hex(content), entry.ContentSha256);
            Assert.Equal(content.Length, entry.Size);
            Assert.Equal(ModelVersionStatus.Candidate, entry.Status);

            var opened = await Registry.OpenVersionAsync(Chapter, manifest.Version);
            Assert.Equal(content, opened.Content.ToArray());
            Assert.Equal(manifest.CreatedAt, opened.Manifest.CreatedAt);
        }

        Assert.Null(await Registry.GetManifestAsync(Chapter, "nope"));
        Assert.Empty(await Registry.ListVersionsAsync("85"));
    }

    [Fact]
    public async Task A_published_version_is_immutable()
    {
        var (first, content) = await PublishAsync(version: "v1");

        await Assert.ThrowsAsync<ModelVersionAlreadyExistsException>(() => PublishAsync(version: "v1"));

        var opened = await Registry.OpenVersionAsync(Chapter, "v1");
        Assert.Equal(content, opened.Content.ToArray());
        Assert.Equal(first.ContentSha256, opened.Manifest.ContentSha256);
    }

    [Fact]
    public async Task An_interrupted_publish_is_unlisted_and_can_be_finished_only_with_the_same_bytes()
    {
        var content = TestBytes.Random(4096);
        // What a crash between the two writes leaves behind: the model blob without its manifest.
        await OpenStore().PutAsync($"models/{Chapter}/v1", content, BlobCondition.IfNoneMatchAny);
        Assert.Empty(await Registry.ListVersionsAsync(Chapter));
        await Assert.ThrowsAsync<ModelVersionNotFoundException>(() => Registry.PromoteAsync(Chapter, "v1", Admin));

        await Assert.ThrowsAsync<ModelVersionAlreadyExistsException>(() =>
            Registry.PublishAsync(Chapter, TestBytes.Random(4096), new ModelVersionDraft { CreatedBy = "trainer", Version = "v1" }));
        await Registry.PublishAsync(Chapter, content, new ModelVersionDraft { CreatedBy = "trainer", Version = "v1" });

        Assert.Equal("v1", Assert.Single(await Registry.ListVersionsAsync(Chapter)).Version);
        Assert.Null(await Registry.GetPointerAsync(Chapter));
    }

    [Fact]
    public async Task Promote_names_the_version_and_returns_the_audit_record_it_appended()
    {
        var versions = await PublishVersionsAsync(3);

        var first = await Registry.PromoteAsync(Chapter, versions[0], Admin, reason: "first model");
        var second = await Registry.PromoteAsync(Chapter, versions[1], "bob");

        var stored = await Registry.GetPointerAsync(Chapter);
        Assert.Equal(second.ETag, stored!.ETag);
        Assert.Equal(versions[1], stored.Pointer.ActiveVersion);
        Assert.Equal(2, stored.Pointer.Revision);
        Assert.Equal("bob", stored.Pointer.UpdatedBy);
        Assert.Equal([first.Change, second.Change], stored.Pointer.History);
        Assert.Equal((PointerAction.Promote, (string?)null, versions[0], Admin, "first model", 1L),
            (first.Change.Action, first.Change.FromVersion, first.Change.ToVersion, first.Change.By, first.Change.Reason, first.Change.Revision));
        Assert.Equal((versions[0], versions[1]), (second.Change.FromVersion, second.Change.ToVersion));

        var statuses = (await Registry.ListVersionsAsync(Chapter)).ToDictionary(m => m.Version, m => m.Status);
        Assert.Equal(ModelVersionStatus.Retired, statuses[versions[0]]);
        Assert.Equal(ModelVersionStatus.Active, statuses[versions[1]]);
        Assert.Equal(ModelVersionStatus.Candidate, statuses[versions[2]]);
        await Assert.ThrowsAsync<PointerChangeRejectedException>(() => Registry.PromoteAsync(Chapter, versions[1], Admin));
    }

    [Fact]
    public async Task Promoting_a_missing_version_or_one_without_manifest_fails_and_writes_nothing()
    {
        await OpenStore().PutAsync($"models/{Chapter}/orphan", TestBytes.Random(100), BlobCondition.IfNoneMatchAny);

        var missing = await Assert.ThrowsAsync<ModelVersionNotFoundException>(() => Registry.PromoteAsync(Chapter, "v404", Admin));
        var orphan = await Assert.ThrowsAsync<ModelVersionNotFoundException>(() => Registry.SetCanaryAsync(Chapter, "orphan", 10, Admin));

        Assert.Equal("v404", missing.Version);
        Assert.Contains("manifest", orphan.Message, StringComparison.Ordinal);
        Assert.Null(await Registry.GetPointerAsync(Chapter));
    }

    [Fact]
    public async Task Two_administrators_with_the_same_etag_cannot_overwrite_each_other()
    {
        var versions = await PublishVersionsAsync(3);
        await Registry.PromoteAsync(Chapter, versions[0], Admin);
        var bobRegistry = OpenRegistry();
        var aliceRead = await Registry.GetPointerAsync(Chapter);
        var bobRead = await bobRegistry.GetPointerAsync(Chapter);
        Assert.Equal(aliceRead!.ETag, bobRead!.ETag);

        var alice = await Registry.PromoteAsync(Chapter, versions[1], Admin, aliceRead.ETag);
        var conflict = await Assert.ThrowsAsync<ConcurrentPointerUpdateException>(() =>
            bobRegistry.PromoteAsync(Chapter, versions[2], "bob", bobRead.ETag));

        Assert.Equal(alice.ETag, conflict.CurrentETag);
        var pointer = await PointerAsync();
        Assert.Equal(versions[1], pointer.ActiveVersion);
        Assert.DoesNotContain(pointer.History, c => c.ToVersion == versions[2]);
        await Assert.ThrowsAsync<ConcurrentPointerUpdateException>(() => bobRegistry.PinAsync(Chapter, "freeze", "bob", bobRead.ETag));
    }

    [Fact]
    public async Task Administrators_racing_with_the_same_etag_leave_exactly_one_winner()
    {
        const int admins = 4;
        var versions = await PublishVersionsAsync(admins + 1);
        await Registry.PromoteAsync(Chapter, versions[0], Admin);
        var read = await Registry.GetPointerAsync(Chapter);
        var registries = Enumerable.Range(0, admins).Select(_ => OpenRegistry()).ToArray();

        var attempts = await Task.WhenAll(registries.Select((r, i) => Task.Run(async () =>
        {
            try
            {
                return (Winner: true, (await r.PromoteAsync(Chapter, versions[i + 1], $"admin{i}", read!.ETag)).Change);
            }
            catch (ConcurrentPointerUpdateException)
            {
                return (Winner: false, Change: (PointerChange?)null);
            }
        })));

        var winner = Assert.Single(attempts, a => a.Winner).Change!;
        var pointer = await PointerAsync();
        Assert.Equal(read!.Pointer.Revision + 1, pointer.Revision);
        Assert.Equal(winner, pointer.History[^1]);
        Assert.Equal(winner.ToVersion, pointer.ActiveVersion);
    }

    [Fact]
    public async Task Concurrent_promotes_without_etag_all_land_exactly_once()
    {
        const int admins = 6;
        var versions = await PublishVersionsAsync(admins);
        var registries = Enumerable.Range(0, admins).Select(_ => OpenRegistry()).ToArray();

        var updates = await Task.WhenAll(versions.Select((v, i) => Task.Run(() => registries[i].PromoteAsync(Chapter, v, $"admin{i}"))));

        var pointer = await PointerAsync();
        Assert.Equal(admins, pointer.History.Count);
        Assert.Equal(Enumerable.Range(1, admins).Select(r => (long)r), pointer.History.Select(c => c.Revision));
        Assert.Equal(versions.Order(), pointer.History.Select(c => c.ToVersion!).Order());
        Assert.Equal(updates.Select(u => u.Change.Id).Order(), pointer.History.Select(c => c.Id).Order());
        for (var i = 1; i < admins; i++)
        {
            // Each change saw the one before it: no write was decided on a stale pointer.
            Assert.Equal(pointer.History[i - 1].ToVersion, pointer.History[i].FromVersion);
        }

        Assert.Equal(pointer.History[^1].ToVersion, pointer.ActiveVersion);
    }

    [Fact]
    public async Task Rollback_walks_back_through_earlier_actives_or_jumps_to_any_named_version()
    {
        var v = await PublishVersionsAsync(4);
        await Assert.ThrowsAsync<PointerChangeRejectedException>(() => Registry.RollbackAsync(Chapter, null, Admin));
        foreach (var version in v[..3])
        {
            await Registry.PromoteAsync(Chapter, version, Admin);
        }

        var toSecond = await Registry.RollbackAsync(Chapter, null, Admin, reason: "accuracy dropped");
        var toFirst = await Registry.RollbackAsync(Chapter, null, Admin);
        await Assert.ThrowsAsync<PointerChangeRejectedException>(() => Registry.RollbackAsync(Chapter, null, Admin));

        Assert.Equal((PointerAction.Rollback, v[2], v[1], "accuracy dropped"),
            (toSecond.Change.Action, toSecond.Change.FromVersion, toSecond.Change.ToVersion, toSecond.Change.Reason));
        Assert.Equal((v[1], v[0]), (toFirst.Change.FromVersion, toFirst.Change.ToVersion));

        await Registry.PromoteAsync(Chapter, v[3], Admin);
        var toThird = await Registry.RollbackAsync(Chapter, v[2], Admin);
        Assert.Equal(v[2], toThird.Pointer.ActiveVersion);
        Assert.Equal(v[2], (await PointerAsync()).ActiveVersion);
        await Assert.ThrowsAsync<ModelVersionNotFoundException>(() => Registry.RollbackAsync(Chapter, "v404", Admin));
    }

    [Fact]
    public async Task Canary_percentage_is_validated_and_the_canary_needs_an_active_version()
    {
        var v = await PublishVersionsAsync(3);
        await Assert.ThrowsAsync<PointerChangeRejectedException>(() => Registry.SetCanaryAsync(Chapter, v[1], 10, Admin));
        await Registry.PromoteAsync(Chapter, v[0], Admin);
        var before = await Registry.GetPointerAsync(Chapter);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Registry.SetCanaryAsync(Chapter, v[1], -1, Admin));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Registry.SetCanaryAsync(Chapter, v[1], 101, Admin));
        await Assert.ThrowsAsync<PointerChangeRejectedException>(() => Registry.SetCanaryAsync(Chapter, v[0], 10, Admin));
        Assert.Equal(before!.ETag, (await Registry.GetPointerAsync(Chapter))!.ETag);

        Assert.Equal(0, (await Registry.SetCanaryAsync(Chapter, v[1], 0, Admin)).Pointer.CanaryPercent);
        var full = await Registry.SetCanaryAsync(Chapter, v[2], 100, Admin);
        Assert.Equal((v[2], 100, v[1]), (full.Pointer.CanaryVersion, full.Pointer.CanaryPercent, full.Change.FromVersion));
        Assert.Equal(v[2], CanaryRouter.Choose(full.Pointer, "any declaration"));

        var partial = await Registry.SetCanaryAsync(Chapter, v[2], 20, Admin);
        Assert.Equal(ModelVersionStatus.Canary, (await Registry.GetManifestAsync(Chapter, v[2]))!.Status);
        var keys = Enumerable.Range(0, 10_000).Select(i => $"DECL-{i}").ToArray();
        var stored = await OpenRegistry().GetPointerAsync(Chapter);
        Assert.Equal(keys.Select(k => CanaryRouter.Choose(partial.Pointer, k)), keys.Select(k => CanaryRouter.Choose(stored!.Pointer, k)));

        var promoted = await Registry.PromoteAsync(Chapter, v[2], Admin, reason: "canary looked good");
        Assert.Equal((v[2], (string?)null, 0), (promoted.Pointer.ActiveVersion, promoted.Pointer.CanaryVersion, promoted.Pointer.CanaryPercent));
        await Assert.ThrowsAsync<PointerChangeRejectedException>(() => Registry.ClearCanaryAsync(Chapter, Admin));
    }

    [Fact]
    public async Task Shadow_is_set_reported_and_cleared()
    {
        var v = await PublishVersionsAsync(2);
        await Registry.PromoteAsync(Chapter, v[0], Admin);

        var set = await Registry.SetShadowAsync(Chapter, v[1], Admin, reason: "compare on live traffic");
        Assert.Equal(v[1], (await PointerAsync()).ShadowVersion);
        Assert.Equal(ModelVersionStatus.Shadow, (await Registry.GetManifestAsync(Chapter, v[1]))!.Status);
        await Assert.ThrowsAsync<PointerChangeRejectedException>(() => Registry.SetShadowAsync(Chapter, v[0], Admin));

        var cleared = await Registry.ClearShadowAsync(Chapter, Admin);
        Assert.Equal((PointerAction.SetShadow, (string?)null, v[1]), (set.Change.Action, set.Change.FromVersion, set.Change.ToVersion));
        Assert.Equal((PointerAction.ClearShadow, v[1], (string?)null), (cleared.Change.Action, cleared.Change.FromVersion, cleared.Change.ToVersion));
        Assert.Null((await PointerAsync()).ShadowVersion);
        Assert.Equal(v[0], (await PointerAsync()).ActiveVersion);
        await Assert.ThrowsAsync<PointerChangeRejectedException>(() => Registry.ClearShadowAsync(Chapter, Admin));
    }

    [Fact]
    public async Task A_pinned_chapter_refuses_automatic_promotion_but_not_an_administrator()
    {
        var v = await PublishVersionsAsync(3);
        await Registry.AutoPromoteAsync(Chapter, v[0], "retrainer");
        await Registry.PinAsync(Chapter, "customs audit in progress", Admin);
        var pinned = await Registry.GetPointerAsync(Chapter);

        var refused = await Assert.ThrowsAsync<ChapterPinnedException>(() => Registry.AutoPromoteAsync(Chapter, v[1], "retrainer"));
        Assert.Equal("customs audit in progress", refused.PinReason);
        Assert.Equal(pinned!.ETag, (await Registry.GetPointerAsync(Chapter))!.ETag);
        await Assert.ThrowsAsync<PointerChangeRejectedException>(() => Registry.PinAsync(Chapter, "again", Admin));

        Assert.Equal(v[1], (await Registry.PromoteAsync(Chapter, v[1], Admin)).Pointer.ActiveVersion);
        await Registry.UnpinAsync(Chapter, Admin, reason: "audit done");
        var auto = await Registry.AutoPromoteAsync(Chapter, v[2], "retrainer");

        Assert.Equal((PointerAction.AutoPromote, v[2]), (auto.Change.Action, auto.Pointer.ActiveVersion));
        Assert.Equal([PointerAction.AutoPromote, PointerAction.Pin, PointerAction.Promote, PointerAction.Unpin, PointerAction.AutoPromote],
            auto.Pointer.History.Select(c => c.Action));
        Assert.False(auto.Pointer.Pinned);
    }

    [Fact]
    public async Task A_version_whose_manifest_is_damaged_is_listed_as_corrupted_beside_the_others()
    {
        // A version name no other test uses: Azurite's damage is found by the manifest's first bytes, which name it.
        var (good, _) = await PublishAsync(version: "v1");
        var (bad, _) = await PublishAsync(version: "manifest-damaged");
        await Registry.PromoteAsync(Chapter, good.Version, Admin);
        var manifestName = $"models/{Chapter}/{bad.Version}.manifest.json";
        var manifest = (await OpenStore().GetAsync(manifestName))!.Content.ToArray();

        await CorruptStoredContentAsync(manifestName, manifest);

        var listed = await Registry.ListVersionsAsync(Chapter);
        Assert.Equal(["manifest-damaged", "v1"], listed.Select(m => m.Version).Order(StringComparer.Ordinal));
        Assert.Equal(ModelVersionStatus.Active, listed.Single(m => m.Version == "v1").Status);
        var corrupted = listed.Single(m => m.Version == bad.Version);
        Assert.Equal(ModelVersionStatus.Corrupted, corrupted.Status);
        Assert.False(string.IsNullOrWhiteSpace(corrupted.Notes));
        Assert.Empty(corrupted.TrainingSummary);
        await Assert.ThrowsAsync<ModelVersionCorruptedException>(() => Registry.GetManifestAsync(Chapter, bad.Version));
        await Assert.ThrowsAsync<ModelVersionCorruptedException>(() => Registry.PromoteAsync(Chapter, bad.Version, Admin));
    }

    [Fact]
    public async Task A_corrupted_version_is_refused_while_the_pointer_keeps_the_previous_good_version()
    {
        var (good, goodContent) = await PublishAsync(version: "v1");
        var (bad, badContent) = await PublishAsync(version: "v2");
        await Registry.PromoteAsync(Chapter, good.Version, Admin);
        var before = await Registry.GetPointerAsync(Chapter);

        await CorruptStoredContentAsync($"models/{Chapter}/{bad.Version}", badContent);

        var opened = await Assert.ThrowsAsync<ModelVersionCorruptedException>(() => Registry.OpenVersionAsync(Chapter, bad.Version));
        var promoted = await Assert.ThrowsAsync<ModelVersionCorruptedException>(() => Registry.PromoteAsync(Chapter, bad.Version, Admin));
        Assert.Equal((Chapter, "v2"), (opened.Chapter, opened.Version));
        Assert.IsType<BlobCorruptedException>(promoted.InnerException);
        Assert.Contains("v2", opened.Message, StringComparison.Ordinal);

        var after = await Registry.GetPointerAsync(Chapter);
        Assert.Equal(before!.ETag, after!.ETag);
        Assert.Equal(good.Version, after.Pointer.ActiveVersion);
        Assert.Equal(goodContent, (await Registry.OpenVersionAsync(Chapter, after.Pointer.ActiveVersion!)).Content.ToArray());
    }

    [Fact]
    public async Task Watch_sees_a_change_made_through_another_registry_at_its_next_poll()
    {
        var routerVersion = (await PublishAsync(chapter: ModelKeys.RouterChapter)).Manifest.Version;
        var chapterVersion = (await PublishAsync()).Manifest.Version;
        await Registry.PromoteAsync(ModelKeys.RouterChapter, routerVersion, Admin);
        var time = new SteppedTime();
        var interval = TimeSpan.FromSeconds(1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var watcher = OpenRegistry(new BlobModelRegistryOptions { Time = time });
        await using var watch = watcher.WatchPointersAsync(interval, includeExisting: true, cancel.Token).GetAsyncEnumerator(cancel.Token);

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(ModelKeys.RouterChapter, watch.Current.Chapter); // the existing pointer: the watch has its baseline

        var other = await OpenRegistry().PromoteAsync(Chapter, chapterVersion, "bob");
        var next = watch.MoveNextAsync();
        Assert.False(next.IsCompleted); // the watch polls: nothing is read before the interval has passed
        time.Advance(interval);

        Assert.True(await next);
        Assert.Equal(new PointerChangeNotice(Chapter, other.ETag), watch.Current);
    }

    [Fact]
    public async Task Chapters_include_the_router_and_chapters_with_only_a_pointer_or_only_versions()
    {
        var router = await PublishAsync(chapter: ModelKeys.RouterChapter);
        await PublishAsync(chapter: "01");
        await Registry.PromoteAsync(ModelKeys.RouterChapter, router.Manifest.Version, Admin);

        Assert.Equal(["01", ModelKeys.RouterChapter], await Registry.ListChaptersAsync());
        Assert.Equal(router.Content, (await Registry.OpenVersionAsync(ModelKeys.RouterChapter, router.Manifest.Version)).Content.ToArray());
    }

    [Fact]
    public async Task Pointer_history_is_bounded_while_the_revision_keeps_counting()
    {
        var registry = OpenRegistry(new BlobModelRegistryOptions { HistoryLimit = 3 });
        for (var i = 0; i < 3; i++)
        {
            await registry.PinAsync(Chapter, $"reason {i}", Admin);
            await registry.UnpinAsync(Chapter, Admin);
        }

        var pointer = (await registry.GetPointerAsync(Chapter))!.Pointer;
        Assert.Equal(6, pointer.Revision);
        Assert.Equal([4L, 5L, 6L], pointer.History.Select(c => c.Revision));
    }

    [Theory]
    [InlineData("8/4")]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("84.json")]
    public async Task Invalid_chapter_keys_are_rejected_by_name(string chapter)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Registry.PublishAsync(chapter, new byte[] { 1 }, new ModelVersionDraft { CreatedBy = "trainer" }));
        Assert.Contains($"'{chapter}'", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => Registry.GetPointerAsync(chapter));
    }

    [Fact]
    public async Task Drafts_with_non_finite_figures_or_blank_authors_are_rejected_before_writing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Registry.PublishAsync(Chapter, new byte[] { 1 }, new ModelVersionDraft
        {
            CreatedBy = "trainer",
            Figures = new Dictionary<string, double> { ["accuracy"] = double.NaN },
        }));
        await Assert.ThrowsAsync<ArgumentException>(() => Registry.PublishAsync(Chapter, new byte[] { 1 }, new ModelVersionDraft { CreatedBy = " " }));

        Assert.Empty(await Registry.ListChaptersAsync());
    }
}
