using HsActors.Abstractions.Streaming;
using HsActors.Streaming.LocalLog;
using Xunit.Abstractions;

namespace HsActors.Streaming.Tests;

public sealed class LocalLogAssessmentStreamTests(ITestOutputHelper output) : AssessmentStreamContract
{
    protected override Task<IAssessmentStream> OpenStreamAsync(string key) =>
        Task.FromResult<IAssessmentStream>(LocalLogAssessmentStream.Open(LogPath(key)));

    private string LogPath(string key) => Path.Combine(WorkDirectory, key + ".log");

    private async Task<(string Path, List<long> RecordStarts)> WriteLogAsync(int count)
    {
        var path = LogPath(NewKey());
        await using (var log = LocalLogAssessmentStream.Open(path))
        {
            foreach (var record in Assessments.Many("disk", count))
                await log.AppendAsync(record);
        }
        // Record boundaries, found independently of the stream: header = length u32 LE + crc u32.
        var bytes = await File.ReadAllBytesAsync(path);
        var starts = new List<long>();
        for (var position = 0; position < bytes.Length; position += 8 + BitConverter.ToInt32(bytes, position))
            starts.Add(position);
        Assert.Equal(count, starts.Count);
        return (path, starts);
    }

    [Fact]
    public async Task A_partly_written_last_record_is_truncated_on_open_and_appending_continues()
    {
        var (path, _) = await WriteLogAsync(3);
        var intactLength = new FileInfo(path).Length;
        // A crash in the middle of a write: a full header promising 200 bytes, and only 17 of them.
        await using (var file = new FileStream(path, FileMode.Append))
        {
            file.Write([200, 0, 0, 0, 1, 2, 3, 4]);
            file.Write(new byte[17]);
        }

        await using var log = LocalLogAssessmentStream.Open(path);

        Assert.Equal(3, log.Count);
        Assert.Equal(8 + 17, log.TruncatedTailBytes);
        Assert.Equal(intactLength, new FileInfo(path).Length);
        Assert.Equal(new StreamAppendResult(3, false), await log.AppendAsync(Assessments.Make("after-crash")));
        Assert.Equal(["disk-0", "disk-1", "disk-2", "after-crash"], (await log.TakeAsync(0, 4)).Select(e => e.Record.AssessmentId));
    }

    [Fact]
    public async Task A_last_record_with_a_bad_checksum_is_a_torn_tail()
    {
        var (path, starts) = await WriteLogAsync(3);
        await FlipByteAsync(path, starts[2] + 20);

        await using var log = LocalLogAssessmentStream.Open(path);

        Assert.Equal(2, log.Count);
        Assert.Equal(starts[2], new FileInfo(path).Length);
    }

    [Fact]
    public async Task A_half_written_header_is_a_torn_tail()
    {
        var (path, _) = await WriteLogAsync(2);
        await using (var file = new FileStream(path, FileMode.Append))
            file.Write([9, 1, 0]);

        await using var log = LocalLogAssessmentStream.Open(path);

        Assert.Equal(2, log.Count);
        Assert.Equal(3, log.TruncatedTailBytes);
    }

    [Fact]
    public async Task A_damaged_record_in_the_middle_is_reported_with_its_offset_and_nothing_is_truncated()
    {
        var (path, starts) = await WriteLogAsync(4);
        var length = new FileInfo(path).Length;
        await FlipByteAsync(path, starts[1] + 30);

        var error = Assert.Throws<AssessmentLogCorruptedException>(() => LocalLogAssessmentStream.Open(path));

        Assert.Equal(1, error.Offset);
        Assert.Equal(starts[1], error.FilePosition);
        Assert.Contains("checksum", error.Message);
        Assert.Equal(length, new FileInfo(path).Length);
    }

    [Fact]
    public async Task A_damaged_length_in_the_middle_is_reported_rather_than_taken_for_a_torn_tail()
    {
        var (path, starts) = await WriteLogAsync(4);
        // A length that runs past the end of the file looks like a torn write, but intact records follow it.
        await using (var file = new FileStream(path, FileMode.Open))
        {
            file.Position = starts[1] + 3;
            file.WriteByte(0x7f);
        }

        var error = Assert.Throws<AssessmentLogCorruptedException>(() => LocalLogAssessmentStream.Open(path));
        Assert.Equal(1, error.Offset);
    }

    [Fact]
    public async Task A_second_writer_on_the_same_log_is_refused()
    {
        var path = LogPath(NewKey());
        await using var first = LocalLogAssessmentStream.Open(path);

        var error = Assert.Throws<IOException>(() => LocalLogAssessmentStream.Open(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task An_invalid_assessment_is_rejected_naming_the_field_and_nothing_is_written()
    {
        await using var log = LocalLogAssessmentStream.Open(LogPath(NewKey()));

        var error = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await log.AppendAsync(Assessments.Make("bad") with { AssessedCode = "8714.10" }));

        Assert.Contains("AssessedCode", error.Message);
        Assert.Equal(0, log.Count);
    }

    [Fact]
    public async Task Appends_queued_behind_a_commit_in_flight_share_the_next_fsync()
    {
        const int Queued = 63;
        using var firstInFlight = new SemaphoreSlim(0);
        using var releaseFirst = new SemaphoreSlim(0);
        var commits = 0;
        var options = new LocalLogOptions
        {
            BeforeBatchWrite = () =>
            {
                if (Interlocked.Increment(ref commits) != 1)
                    return;
                firstInFlight.Release();
                releaseFirst.Wait(TimeSpan.FromSeconds(30));
            },
        };
        await using var log = LocalLogAssessmentStream.Open(LogPath(NewKey()), options);
        var records = Assessments.Many("grp", Queued + 1);

        var first = Task.Run(async () => await log.AppendAsync(records[0]));
        Assert.True(await firstInFlight.WaitAsync(TimeSpan.FromSeconds(30)), "the first append never reached its write");
        // Each call queues its record before it waits for the write lock, which the first commit holds.
        var queued = records.Skip(1).Select(record => log.AppendAsync(record).AsTask()).ToList();
        Assert.All(queued, append => Assert.False(append.IsCompleted));
        releaseFirst.Release();
        var results = await Task.WhenAll(queued.Prepend(first));

        Assert.Equal(2, log.SyncCount);
        Assert.Equal(Enumerable.Range(0, Queued + 1).Select(i => (long)i), results.Select(result => result.Offset).Order());
        Assert.Equal(Queued + 1, log.Count);
        output.WriteLine($"{Queued + 1} appends, {log.SyncCount} fsyncs: the {Queued} queued behind the first commit shared one");
    }

    [Fact]
    public async Task Sequential_appends_each_get_their_own_fsync()
    {
        await using var log = LocalLogAssessmentStream.Open(LogPath(NewKey()));
        foreach (var record in Assessments.Many("seq", 20))
            await log.AppendAsync(record);

        Assert.Equal(20, log.SyncCount);
    }

    private static async Task FlipByteAsync(string path, long position)
    {
        await using var file = new FileStream(path, FileMode.Open);
        file.Position = position;
        var value = file.ReadByte();
        file.Position = position;
        file.WriteByte((byte)(value ^ 0x5a));
    }
}
