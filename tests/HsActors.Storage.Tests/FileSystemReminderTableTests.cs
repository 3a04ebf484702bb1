using HsActors.Storage.FileSystem;
using Orleans;
using Orleans.Runtime;

namespace HsActors.Storage.Tests;

public sealed class FileSystemReminderTableTests : IDisposable
{
    private readonly TemporaryDirectory _root = new("reminders");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task An_upserted_reminder_is_read_back_by_a_new_instance_by_grain_by_name_and_by_its_hash_range()
    {
        var grain = GrainId.Create("hsactors.retrainer", "09");
        var etag = await Open().UpsertRow(Entry(grain, "deadline"));

        var table = Open();
        var row = await table.ReadRow(grain, "deadline");
        Assert.NotNull(row);
        Assert.Equal((grain, "deadline", TimeSpan.FromMinutes(10), etag), (row.GrainId, row.ReminderName, row.Period, row.ETag));
        Assert.Single((await table.ReadRows(grain)).Reminders);

        var hash = grain.GetUniformHashCode();
        Assert.Single((await table.ReadRows(hash - 1, hash)).Reminders); // (begin, end] holds it
        Assert.Empty((await table.ReadRows(hash, hash + 1)).Reminders);
        Assert.Single((await table.ReadRows(hash, hash)).Reminders); // begin ≥ end wraps round: everything
        Assert.Null(await table.ReadRow(grain, "another"));
    }

    [Fact]
    public async Task A_remove_with_a_stale_etag_is_refused_and_one_with_the_current_etag_removes_the_row()
    {
        var grain = GrainId.Create("hsactors.retrainer", "router");
        var table = Open();
        var first = await table.UpsertRow(Entry(grain, "deadline"));
        var second = await table.UpsertRow(Entry(grain, "deadline"));
        Assert.NotEqual(first, second);

        Assert.False(await table.RemoveRow(grain, "deadline", first!));
        Assert.NotNull(await table.ReadRow(grain, "deadline"));
        Assert.True(await table.RemoveRow(grain, "deadline", second!));
        Assert.Null(await Open().ReadRow(grain, "deadline"));
    }

    [Fact]
    public async Task Reminders_of_grains_with_free_text_keys_are_kept_apart()
    {
        var table = Open();
        var a = GrainId.Create("hsactors.retrainer", "a/b c");
        var b = GrainId.Create("hsactors.retrainer", "a/b");
        await table.UpsertRow(Entry(a, "deadline"));
        await table.UpsertRow(Entry(b, "deadline"));
        await table.UpsertRow(Entry(b, "other"));

        Assert.Single((await table.ReadRows(a)).Reminders);
        Assert.Equal(["deadline", "other"], (await table.ReadRows(b)).Reminders.Select(r => r.ReminderName).Order());
        Assert.Equal(3, (await table.ReadRows(0, 0)).Reminders.Count);
    }

    private FileSystemReminderTable Open() => new(new FileSystemBlobStore(_root.Path));

    private static ReminderEntry Entry(GrainId grain, string name) =>
        new() { GrainId = grain, ReminderName = name, StartAt = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc), Period = TimeSpan.FromMinutes(10) };
}
