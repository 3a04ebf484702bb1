using HsActors.Streaming.Tests;

namespace HsActors.Silo.Tests;

/// <summary>The silo with its assessment stream on a real RabbitMQ broker (<c>HsActors:RabbitMq:Uri</c>).</summary>
[Collection(SiloCollection.Name)]
public sealed class RabbitMqStreamSiloTests(SmallModel model, RabbitMqBroker broker) : IClassFixture<RabbitMqBroker>, IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, string?> _settings = ClusterSettings.RabbitMq(broker);
    private SiloFactory _silo = null!;

    public Task InitializeAsync()
    {
        _silo = new SiloFactory(model.Directory, _data.Path, _settings);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Assessments_are_acknowledged_idempotently_and_counted_once_even_when_the_broker_stream_is_replayed()
    {
        var officer = await _silo.ReadyClientAsync(TestKeys.Officer);
        var coffee = Assessments.LineOf("09");
        var rubber = Assessments.LineOf("40");

        // A retry is the same assessment sent again; the same id with other content is a conflict (tested elsewhere).
        var rq1 = Assessments.Body("RQ-1", "roasted coffee", coffee, "IMP-RQ", declaredCode: rubber);
        var first = await officer.PostAsync("/v1/assessments", Json.Body(rq1));
        var retry = await officer.PostAsync("/v1/assessments", Json.Body(rq1));
        var batch = await Json.PostOkAsync(officer, "/v1/assessments/batch", new
        {
            assessments = new[] { rq1, Assessments.Body("RQ-2", "rubber gloves", rubber, "IMP-RQ") },
        });

        Assert.Equal(202, (int)first.StatusCode);
        var accepted = await Json.ReadAsync(first);
        Assert.False(accepted["duplicate"]!.GetValue<bool>());
        Assert.Equal(200, (int)retry.StatusCode);
        var repeated = await Json.ReadAsync(retry);
        Assert.True(repeated["duplicate"]!.GetValue<bool>());
        Assert.Equal(accepted["offset"]!.GetValue<long>(), repeated["offset"]!.GetValue<long>());
        var results = batch["results"]!.AsArray();
        Assert.Equal([true, false], results.Select(r => r!["duplicate"]!.GetValue<bool>()));
        Assert.Equal(accepted["offset"]!.GetValue<long>(), results[0]!["offset"]!.GetValue<long>());

        var stats = await Assessments.WaitForStatisticsAsync(officer, "IMP-RQ", s => s["assessments"]!.GetValue<long>() >= 2);
        Assert.Equal(2, stats["assessments"]!.GetValue<long>());
        Assert.Equal(1, stats["corrections"]!.GetValue<long>());
        await _silo.DisposeAsync();

        // Forget the consumer positions: the restarted silo reads the broker's stream from the start again.
        Directory.Delete(Path.Combine(_data.Path, "assessments", "offsets"), recursive: true);
        _silo = new SiloFactory(model.Directory, _data.Path, _settings);
        officer = await _silo.ReadyClientAsync(TestKeys.Officer);
        var again = await officer.PostAsync("/v1/assessments", Json.Body(rq1));
        await Json.PostOkAsync(officer, "/v1/assessments", Assessments.Body("RQ-3", "rubber gloves", rubber, "IMP-RQ"));

        // The restarted silo rebuilt the id index from the broker, so the old id is still a duplicate.
        Assert.Equal(200, (int)again.StatusCode);
        Assert.Equal(accepted["offset"]!.GetValue<long>(), (await Json.ReadAsync(again))["offset"]!.GetValue<long>());
        // Stream order: once RQ-3 is counted, every replayed entry before it has been seen.
        var replayed = await Assessments.WaitForStatisticsAsync(officer, "IMP-RQ", s => s["assessments"]!.GetValue<long>() >= 3);
        Assert.Equal(3, replayed["assessments"]!.GetValue<long>());
        Assert.Equal(1, replayed["corrections"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_assessment_posted_while_the_broker_is_down_gets_a_503_with_retry_after_and_its_retry_is_stored_once()
    {
        var officer = await _silo.ReadyClientAsync(TestKeys.Officer);
        var body = Assessments.Body("RQ-DOWN", "roasted coffee", Assessments.LineOf("09"), "IMP-RQD");

        await broker.StopAsync();
        HttpResponseMessage refused;
        try
        {
            refused = await officer.PostAsync("/v1/assessments", Json.Body(body));
        }
        finally
        {
            await broker.StartAsync();
        }

        Assert.Equal(503, (int)refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        // The client's part: send the same assessment again after Retry-After until the silo has reconnected.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpResponseMessage retried;
        while ((int)(retried = await officer.PostAsync("/v1/assessments", Json.Body(body))).StatusCode == 503 && DateTime.UtcNow < deadline)
            await Task.Delay(retried.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        Assert.Equal(202, (int)retried.StatusCode);
        var stats = await Assessments.WaitForStatisticsAsync(officer, "IMP-RQD", s => s["assessments"]!.GetValue<long>() >= 1);
        Assert.Equal(1, stats["assessments"]!.GetValue<long>());
    }
}
