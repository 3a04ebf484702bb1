using System.Net;
using HsActors.Contracts;

namespace HsActors.Client.Tests;

public sealed class ClassifyBatchTests : IAsyncLifetime
{
    private ContractServer _server = null!;

    public async Task InitializeAsync() => _server = await ContractServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Splits_lists_beyond_the_batch_limit_and_keeps_their_order()
    {
        var count = 2 * BatchClassifyRequest.MaxLines + 1;
        var lines = Enumerable.Range(0, count).Select(i => TestLines.Line(i)).ToArray();
        await using var client = HsActorsClient.Create(TestOptions.For(_server));

        var results = await client.ClassifyBatchAsync(lines);

        Assert.Equal(count, results.Count);
        for (var i = 0; i < count; i++)
        {
            TestLines.AssertAnswers(i, results[i]);
        }

        Assert.Equal([BatchClassifyRequest.MaxLines, BatchClassifyRequest.MaxLines, 1], _server.BatchSizes);
    }

    [Fact]
    public async Task A_bad_line_in_a_later_chunk_is_named_by_its_index_in_the_callers_list()
    {
        var bad = BatchClassifyRequest.MaxLines + 3;
        var lines = Enumerable.Range(0, BatchClassifyRequest.MaxLines + 10)
            .Select(i => TestLines.Line(i, top: i == bad ? 99 : null))
            .ToArray();
        await using var client = HsActorsClient.Create(TestOptions.For(_server));

        var error = await Assert.ThrowsAsync<HsActorsApiException>(() => client.ClassifyBatchAsync(lines));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal($"lines[{bad}].top", Assert.Single(error.Errors).Key);
    }

    [Fact]
    public async Task An_empty_list_sends_nothing()
    {
        await using var client = HsActorsClient.Create(TestOptions.For(_server));

        var results = await client.ClassifyBatchAsync([]);

        Assert.Empty(results);
        Assert.Equal(0, _server.Attempts("/v1/classify/batch"));
    }

    [Fact]
    public async Task A_line_without_description_is_refused_before_sending()
    {
        await using var client = HsActorsClient.Create(TestOptions.For(_server));
        ClassifyRequest[] lines = [TestLines.Line(0), new() { Description = "  " }];

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.ClassifyBatchAsync(lines));

        Assert.Contains("requests[1].Description", error.Message);
        Assert.Equal(0, _server.Attempts("/v1/classify/batch"));
    }
}
