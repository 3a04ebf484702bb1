using System.Diagnostics;
using System.Net;

namespace HsActors.Client.Tests;

public sealed class ResilienceTests : IAsyncLifetime
{
    private const string Classify = "/v1/classify";
    private ContractServer _server = null!;

    public async Task InitializeAsync() => _server = await ContractServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Retries_503_until_the_service_recovers()
    {
        _server.FailNext(2, HttpStatusCode.ServiceUnavailable);
        await using var client = HsActorsClient.Create(TestOptions.For(_server));

        var response = await client.ClassifyAsync(TestLines.Line(1));

        Assert.Equal("L1", response.Id);
        Assert.Equal(3, _server.Attempts(Classify));
    }

    [Fact]
    public async Task Gives_up_after_MaxRetries_with_the_last_status()
    {
        _server.FailNext(10, HttpStatusCode.BadGateway);
        await using var client = HsActorsClient.Create(TestOptions.For(_server, o => o.MaxRetries = 2));

        var error = await Assert.ThrowsAsync<HsActorsApiException>(() => client.ClassifyAsync(TestLines.Line(1)));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal("Planned 502", error.Title);
        Assert.Equal(3, _server.Attempts(Classify));
    }

    [Fact]
    public async Task Waits_as_long_as_Retry_After_asks_on_429()
    {
        _server.FailNext(1, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(1));
        await using var client = HsActorsClient.Create(TestOptions.For(_server));

        var clock = Stopwatch.StartNew();
        var response = await client.ClassifyAsync(TestLines.Line(7));

        Assert.Equal("L7", response.Id);
        Assert.Equal(2, _server.Attempts(Classify));
        // The back-off alone would be ~10 ms; only the header explains a wait of a second.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed}, before Retry-After's 1 s");
    }

    [Fact]
    public async Task Never_retries_a_400_and_names_the_bad_field()
    {
        await using var client = HsActorsClient.Create(TestOptions.For(_server));

        var error = await Assert.ThrowsAsync<HsActorsApiException>(() => client.ClassifyAsync(TestLines.Line(1, top: 99)));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(1, _server.Attempts(Classify));
        var messages = Assert.Contains("top", error.Errors);
        Assert.Contains("99", Assert.Single(messages));
        Assert.Contains("top", error.Message);
    }

    [Fact]
    public async Task Never_retries_a_401_and_reports_it()
    {
        await using var client = HsActorsClient.Create(TestOptions.For(_server, o => o.ApiKey = "wrong-key"));

        var error = await Assert.ThrowsAsync<HsActorsApiException>(() => client.ClassifyAsync(TestLines.Line(1)));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("Missing or unknown API key", error.Title);
        Assert.Equal(1, _server.Attempts(Classify));
    }

    [Fact]
    public async Task Retries_a_dropped_connection()
    {
        _server.DropNext(1);
        await using var client = HsActorsClient.Create(TestOptions.For(_server));

        var response = await client.ClassifyAsync(TestLines.Line(3));

        Assert.Equal("L3", response.Id);
        Assert.Equal(2, _server.Attempts(Classify));
    }

    [Fact]
    public async Task Retries_an_attempt_that_outlives_the_per_attempt_timeout()
    {
        await using var client = HsActorsClient.Create(TestOptions.For(_server, o => o.Timeout = TimeSpan.FromSeconds(3)));
        var warmUpAttempts = await WarmUpAsync(client);
        _server.StallNext(1, TimeSpan.FromSeconds(30));

        var clock = Stopwatch.StartNew();
        var response = await client.ClassifyAsync(TestLines.Line(4));

        Assert.Equal("L4", response.Id);
        Assert.Equal(2, _server.Attempts(Classify) - warmUpAttempts);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}: the 30 s stall was not cut off");
    }

    [Fact]
    public async Task Reports_a_timeout_when_every_attempt_stalls()
    {
        await using var client = HsActorsClient.Create(TestOptions.For(_server, o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 1;
        }));
        var warmUpAttempts = await WarmUpAsync(client);
        _server.StallNext(2, TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.ClassifyAsync(TestLines.Line(5)));

        Assert.Contains("2 attempts", error.Message);
        Assert.Equal(2, _server.Attempts(Classify) - warmUpAttempts);
    }

    [Fact]
    public async Task Caller_cancellation_ends_the_wait_before_a_retry()
    {
        // Retry-After makes the wait deterministic (jittered back-off could be short enough to squeeze in a retry).
        await using var client = HsActorsClient.Create(TestOptions.For(_server, o => o.MaxRetryDelay = TimeSpan.FromSeconds(30)));
        var warmUpAttempts = await WarmUpAsync(client);
        _server.FailNext(1, HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ClassifyAsync(TestLines.Line(1), cancellation.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {clock.Elapsed} against a 30 s Retry-After");
        Assert.Equal(1, _server.Attempts(Classify) - warmUpAttempts);
    }

    /// <summary>
    /// One answered request first, so the tests with deadlines of a few hundred milliseconds spend them on the planned
    /// failure: on a loaded machine a cold client's first connection and the server's first request could outlast the
    /// deadline before the attempt reached the server, and the attempt count would be short by one.
    /// </summary>
    private async Task<int> WarmUpAsync(HsActorsClient client)
    {
        await client.ClassifyAsync(TestLines.Line(0));
        return _server.Attempts(Classify);
    }
}
