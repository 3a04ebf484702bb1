using HsActors.Abstractions.Streaming;
using HsActors.Streaming.RabbitMq;
using RabbitMQ.Client;

namespace HsActors.Streaming.Tests;

[Collection(RabbitMqCollection.Name)]
public sealed class RabbitMqAssessmentStreamTests(RabbitMqBroker broker) : AssessmentStreamContract
{
    protected override async Task<IAssessmentStream> OpenStreamAsync(string key) =>
        await RabbitMqAssessmentStream.OpenAsync(Options(key));

    private RabbitMqStreamOptions Options(string key) => new()
    {
        Endpoint = broker.Endpoint,
        StreamName = "hsactors.test." + key,
        MaxLengthBytes = 50_000_000,
        Prefetch = 50,
    };

    [Fact]
    public async Task A_tailing_reader_resumes_without_loss_or_duplicates_after_the_broker_drops_every_connection()
    {
        var stream = await OpenAsync(NewKey());
        foreach (var record in Assessments.Many("drop", 3))
            await stream.AppendAsync(record);
        var reading = stream.TakeAsync(0, 6);
        await Task.Delay(500);

        await broker.ControlAsync("close_all_connections", "--global", "connection drop test");
        var appended = new List<StreamAppendResult>();
        foreach (var record in Assessments.Many("drop", 3, firstSeed: 3))
            appended.Add(await AppendRetryingAsync(stream, record));

        var read = await reading;
        Assert.Equal([0, 1, 2, 3, 4, 5], read.Select(e => e.Offset));
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"drop-{i}"), read.Select(e => e.Record.AssessmentId));
        Assert.Equal([3, 4, 5], appended.Select(a => a.Offset));
        Assert.True(await stream.StaysQuietAsync(6, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Opening_a_name_held_by_a_classic_queue_fails_with_a_clear_message()
    {
        var name = "hsactors.test." + NewKey();
        await using (var connection = await broker.Endpoint.ConnectAsync("classic-squatter"))
        await using (var channel = await connection.CreateChannelAsync())
            await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RabbitMqAssessmentStream.OpenAsync(new RabbitMqStreamOptions { Endpoint = broker.Endpoint, StreamName = name }));
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public async Task A_reader_fails_with_a_clear_error_when_the_stream_queue_is_deleted()
    {
        var key = NewKey();
        var stream = await OpenAsync(key);
        await stream.AppendAsync(Assessments.Make("deleted-0"));
        var reading = stream.TakeAsync(0, 2);
        await Task.Delay(300);

        await using (var connection = await broker.Endpoint.ConnectAsync("queue-deleter"))
        await using (var channel = await connection.CreateChannelAsync())
            await channel.QueueDeleteAsync(Options(key).StreamName, ifUnused: false, ifEmpty: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reading);
        Assert.Contains(Options(key).StreamName, error.Message);
    }

    [Fact]
    public async Task An_append_while_the_broker_is_down_is_refused_as_unavailable_and_its_retry_is_stored_once()
    {
        var stream = await OpenAsync(NewKey());
        await stream.AppendAsync(Assessments.Make("down-0"));

        await broker.StopAsync();
        AssessmentStreamUnavailableException refused;
        try
        {
            refused = await Assert.ThrowsAsync<AssessmentStreamUnavailableException>(async () => await stream.AppendAsync(Assessments.Make("down-1")));
        }
        finally
        {
            await broker.StartAsync();
        }

        Assert.Contains("down-1", refused.Message);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        var retried = await AppendRetryingAsync(stream, Assessments.Make("down-1"));
        Assert.Equal(new StreamAppendResult(1, Duplicate: false), retried);
        var read = await stream.TakeAsync(0, 2);
        Assert.Equal(["down-0", "down-1"], read.Select(entry => entry.Record.AssessmentId));
        Assert.True(await stream.StaysQuietAsync(2, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Appends_go_on_after_the_publisher_channel_is_closed_on_a_live_connection()
    {
        var stream = (RabbitMqAssessmentStream)await OpenAsync(NewKey());
        await stream.AppendAsync(Assessments.Make("channel-0"));

        // The client library re-opens channels only with their connection; this one closes alone.
        var closed = stream.Publisher;
        await closed.CloseAsync();

        var appended = await stream.AppendAsync(Assessments.Make("channel-1"));
        Assert.Equal(new StreamAppendResult(1, Duplicate: false), appended);
        Assert.NotSame(closed, stream.Publisher);
        Assert.Equal(new StreamAppendResult(1, Duplicate: true), await stream.AppendAsync(Assessments.Make("channel-1")));
        var read = await stream.TakeAsync(0, 2);
        Assert.Equal(["channel-0", "channel-1"], read.Select(entry => entry.Record.AssessmentId));
        Assert.True(await stream.StaysQuietAsync(2, TimeSpan.FromMilliseconds(500)));
    }

    // While the client re-connects, a publish can fail as unavailable; the caller (the HTTP endpoint's client)
    // retries, and idempotency makes the retry safe. Any other failure is a defect and fails the test.
    private static async Task<StreamAppendResult> AppendRetryingAsync(IAssessmentStream stream, AssessmentRecord record)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await stream.AppendAsync(record);
            }
            catch (AssessmentStreamUnavailableException) when (attempt < 40)
            {
                await Task.Delay(250);
            }
        }
    }
}
