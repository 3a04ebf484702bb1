using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace HsActors.Client.Tests;

public sealed class MicroBatcherTests : IAsyncLifetime
{
    private ContractServer _server = null!;

    public async Task InitializeAsync() => _server = await ContractServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Coalesces_concurrent_calls_into_few_batches_and_answers_each_caller_with_its_own_line()
    {
        const int calls = 1000;
        await using var client = HsActorsClient.Create(TestOptions.For(_server, o => o.MicroBatching = true));

        var tasks = Enumerable.Range(0, calls).Select(i => client.ClassifyAsync(TestLines.Line(i))).ToArray();
        var results = await Task.WhenAll(tasks);

        for (var i = 0; i < calls; i++)
        {
            TestLines.AssertAnswers(i, results[i]);
        }

        var batches = _server.BatchSizes;
        Assert.Equal(0, _server.Attempts("/v1/classify"));
        Assert.Equal(calls, batches.Sum());
        Assert.True(batches.Count * 10 <= calls, $"{calls} calls took {batches.Count} batch requests ({string.Join(",", batches)})");
        Assert.True(batches.Max() <= 256, $"a batch of {batches.Max()} lines exceeds MicroBatchSize");
    }

    [Fact]
    public async Task A_caller_cancelled_while_queued_is_left_out_and_the_others_are_answered()
    {
        await using var client = HsActorsClient.Create(TestOptions.For(_server, o =>
        {
            o.MicroBatching = true;
            o.MicroBatchDelay = TimeSpan.FromSeconds(1);
        }));
        using var cancellation = new CancellationTokenSource();

        var tasks = Enumerable.Range(0, 10)
            .Select(i => client.ClassifyAsync(TestLines.Line(i), i == 3 ? cancellation.Token : CancellationToken.None))
            .ToArray();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tasks[3]);
        for (var i = 0; i < tasks.Length; i++)
        {
            if (i != 3)
            {
                TestLines.AssertAnswers(i, await tasks[i]);
            }
        }

        Assert.Equal([9], _server.BatchSizes);
    }

    [Fact]
    public async Task A_caller_cancelled_while_its_batch_is_on_the_wire_stops_waiting_alone()
    {
        _server.BatchLatency = TimeSpan.FromSeconds(2);
        await using var client = HsActorsClient.Create(TestOptions.For(_server, o =>
        {
            o.MicroBatching = true;
            o.MicroBatchDelay = TimeSpan.FromSeconds(1);
        }));
        using var cancellation = new CancellationTokenSource();

        var tasks = Enumerable.Range(0, 5)
            .Select(i => client.ClassifyAsync(TestLines.Line(i), i == 2 ? cancellation.Token : CancellationToken.None))
            .ToArray();
        await _server.BatchReceived.WaitAsync(TimeSpan.FromSeconds(10));
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tasks[2]);
        Assert.All(tasks.Where((_, i) => i != 2), task => Assert.False(task.IsCompleted, "an uncancelled caller finished before its batch was answered"));
        foreach (var i in new[] { 0, 1, 3, 4 })
        {
            TestLines.AssertAnswers(i, await tasks[i]);
        }

        Assert.Equal([5], _server.BatchSizes);
    }

    [Fact]
    public async Task A_line_the_service_rejects_fails_only_its_own_caller()
    {
        await using var client = HsActorsClient.Create(TestOptions.For(_server, o =>
        {
            o.MicroBatching = true;
            o.MicroBatchDelay = TimeSpan.FromSeconds(1);
        }));

        var tasks = Enumerable.Range(0, 10).Select(i => client.ClassifyAsync(TestLines.Line(i, top: i == 4 ? 99 : null))).ToArray();

        var error = await Assert.ThrowsAsync<HsActorsApiException>(() => tasks[4]);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("top", Assert.Single(error.Errors).Key);
        for (var i = 0; i < tasks.Length; i++)
        {
            if (i != 4)
            {
                TestLines.AssertAnswers(i, await tasks[i]);
            }
        }

        Assert.Equal([10, 9], _server.BatchSizes);
    }

    [Fact]
    public async Task Failure_of_a_batch_reaches_every_caller_in_it()
    {
        _server.FailNext(1, HttpStatusCode.Unauthorized);
        await using var client = HsActorsClient.Create(TestOptions.For(_server, o =>
        {
            o.MicroBatching = true;
            o.MicroBatchDelay = TimeSpan.FromSeconds(1);
        }));

        var tasks = Enumerable.Range(0, 3).Select(i => client.ClassifyAsync(TestLines.Line(i))).ToArray();

        foreach (var task in tasks)
        {
            var error = await Assert.ThrowsAsync<HsActorsApiException>(() => task);
            Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        }
    }

    [Fact]
    public async Task Disposing_the_client_flushes_queued_lines_and_refuses_new_ones()
    {
        var client = HsActorsClient.Create(TestOptions.For(_server, o =>
        {
            o.MicroBatching = true;
            o.MicroBatchDelay = TimeSpan.FromMinutes(5);
        }));
        var tasks = Enumerable.Range(0, 5).Select(i => client.ClassifyAsync(TestLines.Line(i))).ToArray();

        await client.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        for (var i = 0; i < tasks.Length; i++)
        {
            Assert.True(tasks[i].IsCompletedSuccessfully, $"line {i} was not flushed by DisposeAsync");
            TestLines.AssertAnswers(i, await tasks[i]);
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.ClassifyAsync(TestLines.Line(9)));
    }

    [Fact]
    public async Task Disposing_the_container_synchronously_fails_queued_callers_cleanly()
    {
        var services = new ServiceCollection();
        services.AddHsActorsClient(o =>
        {
            var configured = TestOptions.For(_server);
            o.BaseAddress = configured.BaseAddress;
            o.ApiKey = configured.ApiKey;
            o.MicroBatching = true;
            o.MicroBatchDelay = TimeSpan.FromMinutes(5);
        });
        var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHsActorsClient>();
        var tasks = Enumerable.Range(0, 3).Select(i => client.ClassifyAsync(TestLines.Line(i))).ToArray();

        provider.Dispose();

        foreach (var task in tasks)
        {
            await Assert.ThrowsAsync<ObjectDisposedException>(() => task.WaitAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.Empty(_server.BatchSizes);
    }
}
