using HsActors.Abstractions.Statistics;
using HsActors.Storage.FileSystem;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace HsActors.Storage.Tests;

public sealed class FileSystemGrainStorageTests : IDisposable
{
    private static readonly GrainId Importer = GrainId.Create("hsactors.importer", "ACME / Jakarta");

    private readonly TemporaryDirectory _root = new("grain-state");
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose()
    {
        _services.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task A_written_state_is_read_back_whole_by_a_new_instance_over_the_same_directory()
    {
        var written = State(Statistics(3));
        await Open().WriteStateAsync("statistics", Importer, written);

        var read = new GrainState<ImporterStatistics>();
        await Open().ReadStateAsync("statistics", Importer, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(3, read.State!.Declarations);
        Assert.Equal(2, read.State.Codes["87141090"].Count);
    }

    [Fact]
    public async Task A_grain_that_never_wrote_reads_as_no_record()
    {
        var read = new GrainState<ImporterStatistics>();
        await Open().ReadStateAsync("statistics", Importer, read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_keeps_the_newer_state()
    {
        var storage = Open();
        var first = State(Statistics(1));
        await storage.WriteStateAsync("statistics", Importer, first);
        var stale = new GrainState<ImporterStatistics> { State = Statistics(7), ETag = first.ETag, RecordExists = true };
        await storage.WriteStateAsync("statistics", Importer, State(Statistics(2), first.ETag));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("statistics", Importer, stale));
        var read = new GrainState<ImporterStatistics>();
        await storage.ReadStateAsync("statistics", Importer, read);
        Assert.Equal(2, read.State!.Declarations);
    }

    [Fact]
    public async Task A_first_write_over_an_existing_record_is_refused()
    {
        var storage = Open();
        await storage.WriteStateAsync("statistics", Importer, State(Statistics(1)));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("statistics", Importer, State(Statistics(5))));
    }

    [Fact]
    public async Task Clearing_removes_the_record()
    {
        var storage = Open();
        var state = State(Statistics(1));
        await storage.WriteStateAsync("statistics", Importer, state);

        await storage.ClearStateAsync("statistics", Importer, state);

        var read = new GrainState<ImporterStatistics>();
        await storage.ReadStateAsync("statistics", Importer, read);
        Assert.False(read.RecordExists);
    }

    private FileSystemGrainStorage Open() => new(new FileSystemBlobStore(_root.Path), _services.GetRequiredService<Serializer>());

    private static GrainState<ImporterStatistics> State(ImporterStatistics statistics, string? etag = null) =>
        new() { State = statistics, ETag = etag, RecordExists = etag is not null };

    private static ImporterStatistics Statistics(long declarations) =>
        ImporterStatistics.Empty("ACME / Jakarta").Apply(new ImporterDelta
        {
            ImporterId = "ACME / Jakarta",
            At = DateTimeOffset.UnixEpoch,
            Declarations = declarations,
            Codes = new Dictionary<string, long> { ["87141090"] = 2 },
        });
}
