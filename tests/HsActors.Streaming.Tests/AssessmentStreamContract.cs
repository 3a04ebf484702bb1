using HsActors.Abstractions.Streaming;
using HsActors.Streaming.LocalLog;

namespace HsActors.Streaming.Tests;

/// <summary>
/// What every <see cref="IAssessmentStream"/> must do. Each implementation's test class derives from this and only
/// says how to open (and re-open) a stream by key.
/// </summary>
public abstract class AssessmentStreamContract : IAsyncLifetime
{
    private readonly List<IAssessmentStream> _opened = [];

    protected string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "hsactors-stream-tests", Guid.NewGuid().ToString("N"));

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
    public async Task A_consumer_resumes_after_a_restart_without_loss_or_duplicates()
    {
        var key = NewKey();
        var offsets = new FileStreamOffsetStore(Path.Combine(WorkDirectory, "offsets"));
        var all = Assessments.Many("resume", 15);
        var processed = new List<string>();

        var stream = await OpenAsync(key);
        foreach (var record in all.Take(10))
            await stream.AppendAsync(record);
        await ConsumeUntilAsync(stream, offsets, processed, stopAfter: 6);
        await stream.DisposeAsync();
        Assert.Equal(6, await offsets.LoadAsync("retrainer-87"));

        var reopened = await OpenAsync(key);
        foreach (var record in all.Skip(10))
            await reopened.AppendAsync(record);
        await ConsumeUntilAsync(reopened, offsets, processed, stopAfter: 15);

        Assert.Equal(all.Select(r => r.AssessmentId), processed);
        Assert.Equal(15, await offsets.LoadAsync("retrainer-87"));
    }

    [Fact]
    public async Task A_crash_between_processing_and_saving_replays_entries_that_id_keyed_state_counts_once()
    {
        var key = NewKey();
        var offsets = new FileStreamOffsetStore(Path.Combine(WorkDirectory, "offsets"));
        var stream = await OpenAsync(key);
        foreach (var record in Assessments.Many("crash", 8))
            await stream.AppendAsync(record);

        // The retrainer's training set: AssessmentId -> assessed code, so a replayed entry rewrites the same value.
        var trainingSet = new Dictionary<string, string>();
        var firstRun = 0;
        var secondRun = 0;
        var crashing = new OffsetStoreThatFailsFromNthSave(offsets, failFrom: 1);
        var consumer = new StreamConsumer(stream, crashing, "retrainer-39", new StreamConsumerOptions { CommitEvery = 1000 });
        using (var stop = new CancellationTokenSource(StreamReading.Patience))
        {
            await Assert.ThrowsAsync<IOException>(() => consumer.RunAsync((entry, _) =>
            {
                firstRun++;
                trainingSet[entry.Record.AssessmentId] = entry.Record.AssessedCode;
                return ValueTask.CompletedTask;
            }, stop.Token));
        }
        Assert.Null(await offsets.LoadAsync("retrainer-39"));

        var restarted = new StreamConsumer(stream, offsets, "retrainer-39");
        using (var stop = new CancellationTokenSource(StreamReading.Patience))
        {
            await IgnoreCancellation(restarted.RunAsync((entry, _) =>
            {
                secondRun++;
                trainingSet[entry.Record.AssessmentId] = entry.Record.AssessedCode;
                if (entry.Offset == 7)
                    stop.Cancel();
                return ValueTask.CompletedTask;
            }, stop.Token));
        }

        // The first save fails whenever the consumer first tries it (on catching up, which over RabbitMQ may come
        // before all eight arrived), so the first run saw some entries; the restart replays all of them from 0.
        Assert.InRange(firstRun, 1, 8);
        Assert.Equal(8, secondRun);
        Assert.Equal(8, trainingSet.Count);    // but each assessment is counted once
        Assert.Equal(8, await offsets.LoadAsync("retrainer-39"));
    }

    private static async Task ConsumeUntilAsync(IAssessmentStream stream, IStreamOffsetStore offsets, List<string> processed, int stopAfter)
    {
        var consumer = new StreamConsumer(stream, offsets, "retrainer-87", new StreamConsumerOptions { CommitEvery = 4 });
        using var stop = new CancellationTokenSource(StreamReading.Patience);
        await IgnoreCancellation(consumer.RunAsync((entry, _) =>
        {
            processed.Add(entry.Record.AssessmentId);
            if (processed.Count == stopAfter)
                stop.Cancel();
            return ValueTask.CompletedTask;
        }, stop.Token));
        Assert.Equal(stopAfter, processed.Count);
    }

    private static async Task IgnoreCancellation(Task run)
    {
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
            // How a consumer is stopped.
        }
    }

    /// <summary>Stands in for a process that dies before its offset reaches the disk.</summary>
    private sealed class OffsetStoreThatFailsFromNthSave(IStreamOffsetStore inner, int failFrom) : IStreamOffsetStore
    {
        private int _saves;

        public ValueTask<long?> LoadAsync(string consumer, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(consumer, cancellationToken);

        public ValueTask SaveAsync(string consumer, long nextOffset, CancellationToken cancellationToken = default) =>
            ++_saves >= failFrom
                ? throw new IOException("simulated crash before the offset was saved")
                : inner.SaveAsync(consumer, nextOffset, cancellationToken);
    }
}
