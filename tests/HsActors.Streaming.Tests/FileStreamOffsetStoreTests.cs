using HsActors.Streaming.LocalLog;

namespace HsActors.Streaming.Tests;

public sealed class FileStreamOffsetStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "hsactors-offset-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_consumer_that_never_saved_has_no_offset()
    {
        var store = new FileStreamOffsetStore(_directory);
        Assert.Null(await store.LoadAsync("retrainer-01"));
    }

    [Fact]
    public async Task The_last_saved_offset_survives_a_new_store_instance_and_leaves_no_temporary_files()
    {
        await new FileStreamOffsetStore(_directory).SaveAsync("retrainer-01", 41);
        await new FileStreamOffsetStore(_directory).SaveAsync("retrainer-01", 42);
        await new FileStreamOffsetStore(_directory).SaveAsync("retrainer-02", 7);

        var store = new FileStreamOffsetStore(_directory);
        Assert.Equal(42, await store.LoadAsync("retrainer-01"));
        Assert.Equal(7, await store.LoadAsync("retrainer-02"));
        Assert.Equal(["retrainer-01.offset", "retrainer-02.offset"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("")]
    public async Task A_consumer_name_that_is_not_a_plain_file_name_is_rejected(string name)
    {
        var store = new FileStreamOffsetStore(_directory);
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.SaveAsync(name, 1));
    }

    [Fact]
    public async Task A_damaged_offset_file_is_reported_naming_the_file()
    {
        var store = new FileStreamOffsetStore(_directory);
        await File.WriteAllTextAsync(Path.Combine(_directory, "retrainer-03.offset"), "12x\n");

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () => await store.LoadAsync("retrainer-03"));
        Assert.Contains("retrainer-03.offset", error.Message);
    }
}
