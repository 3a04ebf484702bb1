using HsActors.Abstractions.Streaming;
using HsActors.Streaming.LocalLog;
using HsActors.Streaming.Orleans;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;

namespace HsActors.Streaming.Tests;

/// <summary>
/// What every <see cref="IAssessmentStream"/> must do. Each implementation's test class derives from this and only
/// says how to open (and re-open) a stream by key.
/// </summary>
public abstract class AssessmentStreamContract : IAsyncLifetime
{
    private readonly List<IAssessmentStream> _opened = [];

    protected string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "hsactors-stream-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>Opens the stream named <paramref name="key"/>; opening the same key again after disposal must
    /// show the same entries (a restart).</summary>
    protected abstract Task<IAssessmentStream> OpenStreamAsync(string key);

    protected async Task<IAssessmentStream> OpenAsync(string key)
    {
        var stream = await OpenStreamAsync(key);
        _opened.Add(stream);
        return stream;
    }

    protected static string NewKey() => "contract-" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var stream in _opened)
            await stream.DisposeAsync();
        Directory.Delete(WorkDirectory, recursive: true);
    }

    [Fact]
    public async Task Appended_assessments_are_read_back_in_order_with_dense_offsets()
    {
        var stream = await OpenAsync(NewKey());
        var records = Assessments.Many("order", 5);
        var offsets = new List<long>();
        foreach (var record in records)
        {
            var result = await stream.AppendAsync(record);
            Assert.False(result.Duplicate);
            offsets.Add(result.Offset);
        }

        Assert.Equal([0, 1, 2, 3, 4], offsets);
        var read = await stream.TakeAsync(0, 5);
        Assert.Equal(offsets, read.Select(e => e.Offset));
        Assert.Equal(records, read.Select(e => e.Record));
    }

    [Fact]
    public async Task Appending_an_id_again_returns_the_first_offset_and_writes_nothing()
    {
        var stream = await OpenAsync(NewKey());
        await stream.AppendAsync(Assessments.Make("dup-a", 1));
        await stream.AppendAsync(Assessments.Make("dup-b", 2));

        // Same id, even with different content: the first write wins.
        var again = await stream.AppendAsync(Assessments.Make("dup-a", 3));
        var next = await stream.AppendAsync(Assessments.Make("dup-c", 4));

        Assert.Equal(new StreamAppendResult(0, Duplicate: true), again);
        Assert.Equal(new StreamAppendResult(2, Duplicate: false), next);
        var read = await stream.TakeAsync(0, 3);
        Assert.Equal(["dup-a", "dup-b", "dup-c"], read.Select(e => e.Record.AssessmentId));
        Assert.Equal(Assessments.Make("dup-a", 1), read[0].Record);
        Assert.True(await stream.StaysQuietAsync(3, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task A_duplicate_is_recognised_after_reopening()
    {
        var key = NewKey();
        var stream = await OpenAsync(key);
        foreach (var record in Assessments.Many("reopen", 4))
            await stream.AppendAsync(record);
        await stream.DisposeAsync();

        var reopened = await OpenAsync(key);
        var again = await reopened.AppendAsync(Assessments.Make("reopen-2", 2));
        var fresh = await reopened.AppendAsync(Assessments.Make("reopen-9", 9));

        Assert.Equal(new StreamAppendResult(2, Duplicate: true), again);
        Assert.Equal(new StreamAppendResult(4, Duplicate: false), fresh);
    }

    [Fact]
    public async Task Concurrent_appends_get_distinct_dense_offsets()
    {
        var stream = await OpenAsync(NewKey());
        var records = Assessments.Many("parallel", 40);
        // The same ids twice, concurrently: each id must be written once.
        var results = await Task.WhenAll(records.Concat(records).Select(r => stream.AppendAsync(r).AsTask()));

        Assert.Equal(40, results.Count(r => !r.Duplicate));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), results.Where(r => !r.Duplicate).Select(r => r.Offset).Order());
        var read = await stream.TakeAsync(0, 40);
        Assert.Equal(records.Select(r => r.AssessmentId).Order(), read.Select(e => e.Record.AssessmentId).Order());
        for (var i = 0; i < records.Count; i++)
            Assert.Equal(results[i].Offset, results[i + records.Count].Offset);
    }

    [Fact]
    public async Task Reading_from_an_offset_starts_at_that_offset()
    {
        var stream = await OpenAsync(NewKey());
        var records = Assessments.Many("from", 6);
        foreach (var record in records)
            await stream.AppendAsync(record);

        var read = await stream.TakeAsync(3, 3);

        Assert.Equal([3, 4, 5], read.Select(e => e.Offset));
        Assert.Equal(records.Skip(3), read.Select(e => e.Record));
    }

    [Fact]
    public async Task A_tailing_reader_receives_assessments_appended_after_it_started()
    {
        var stream = await OpenAsync(NewKey());
        await stream.AppendAsync(Assessments.Make("tail-0"));
        var reading = stream.TakeAsync(0, 4);
        await Task.Delay(300);
        Assert.False(reading.IsCompleted);

        foreach (var record in Assessments.Many("tail", 3, firstSeed: 1))
            await stream.AppendAsync(record);

        var read = await reading;
        Assert.Equal(["tail-0", "tail-1", "tail-2", "tail-3"], read.Select(e => e.Record.AssessmentId));
    }

    [Fact]
    public async Task The_orleans_queue_receiver_resumes_at_its_checkpoint_without_loss_or_duplicates()
    {
        var key = NewKey();
        var checkpoints = new FileStreamOffsetStore(Path.Combine(WorkDirectory, "offsets"));
        var all = Assessments.Many("resume", 15);

        var stream = await OpenAsync(key);
        foreach (var record in all.Take(10))
            await stream.AppendAsync(record);
        var first = await ReceiverAsync(stream, checkpoints);
        var read = await ReceiveAsync(first, 10);
        await first.MessagesDeliveredAsync([.. read.Take(6)], CancellationToken.None);
        await first.Shutdown(TimeSpan.FromSeconds(5));
        await stream.DisposeAsync();
        Assert.Equal(6, await checkpoints.LoadAsync(Checkpoint));

        var reopened = await OpenAsync(key);
        foreach (var record in all.Skip(10))
            await reopened.AppendAsync(record);
        var second = await ReceiverAsync(reopened, checkpoints);
        var rest = await ReceiveAsync(second, 9);
        await second.Shutdown(TimeSpan.FromSeconds(5));

        Assert.Equal(all.Skip(6).Select(r => r.AssessmentId), rest.Select(b => b.Entry().Record.AssessmentId));
        Assert.Equal(Enumerable.Range(6, 9).Select(i => (long)i), rest.Select(b => b.Offset));
    }

    [Fact]
    public async Task Entries_a_receiver_read_but_orleans_never_reported_delivered_are_handed_over_again_after_a_crash()
    {
        var key = NewKey();
        var checkpoints = new FileStreamOffsetStore(Path.Combine(WorkDirectory, "offsets"));
        var stream = await OpenAsync(key);
        foreach (var record in Assessments.Many("crash", 8))
            await stream.AppendAsync(record);

        // The silo dies after handing the entries on and before Orleans reported them delivered.
        var crashed = await ReceiverAsync(stream, checkpoints);
        Assert.Equal(8, (await ReceiveAsync(crashed, 8)).Count);
        await crashed.Shutdown(TimeSpan.FromSeconds(5));
        Assert.Null(await checkpoints.LoadAsync(Checkpoint));

        var next = await ReceiverAsync(stream, checkpoints);
        var replayed = await ReceiveAsync(next, 8);
        await next.MessagesDeliveredAsync([.. replayed], CancellationToken.None);
        await next.Shutdown(TimeSpan.FromSeconds(5));

        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), replayed.Select(b => b.Offset));
        Assert.Equal(8, await checkpoints.LoadAsync(Checkpoint));
    }

    private const string Checkpoint = "orleans-assessments-0";

    private static async Task<AssessmentQueueReceiver> ReceiverAsync(IAssessmentStream stream, IStreamOffsetStore checkpoints)
    {
        var receiver = new AssessmentQueueReceiver(stream, checkpoints, Checkpoint,
            StreamId.Create(AssessmentStreams.Namespace, AssessmentStreams.Key), dedupWindow: 100, NullLogger.Instance);
        await receiver.Initialize(TimeSpan.FromSeconds(5));
        return receiver;
    }

    /// <summary>Polls the receiver as Orleans' pulling agent does, until <paramref name="count"/> entries came.</summary>
    private static async Task<List<AssessmentBatch>> ReceiveAsync(AssessmentQueueReceiver receiver, int count)
    {
        var received = new List<AssessmentBatch>();
        var deadline = DateTime.UtcNow + StreamReading.Patience;
        while (received.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {received.Count} of {count} entries arrived");
            received.AddRange((await receiver.GetQueueMessagesAsync(100, CancellationToken.None)).Cast<AssessmentBatch>());
            await Task.Delay(20);
        }
        await Task.Delay(100);
        Assert.Empty(await receiver.GetQueueMessagesAsync(100, CancellationToken.None)); // and nothing more
        return received;
    }
}
