using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HsActors.Client.Tests;

public sealed class DependencyInjectionTests : IAsyncLifetime
{
    private ContractServer _server = null!;

    public async Task InitializeAsync() => _server = await ContractServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Resolves_a_typed_client_that_uses_the_configured_address_key_and_retry_count()
    {
        var services = new ServiceCollection();
        services.AddHsActorsClient(o =>
        {
            o.BaseAddress = _server.BaseAddress;
            o.ApiKey = ContractServer.ApiKey;
            o.MaxRetries = 0;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHsActorsClient>();

        // Address and key: the server answers only a request that carries the key.
        TestLines.AssertAnswers(1, await client.ClassifyAsync(TestLines.Line(1)));

        // MaxRetries = 0: one 503 is final.
        _server.FailNext(1, HttpStatusCode.ServiceUnavailable);
        var error = await Assert.ThrowsAsync<HsActorsApiException>(() => client.ClassifyAsync(TestLines.Line(2)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(2, _server.Attempts("/v1/classify"));
    }

    [Fact]
    public async Task Binds_options_from_a_configuration_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["HsActors:BaseAddress"] = _server.BaseAddress.ToString(),
                ["HsActors:ApiKey"] = ContractServer.ApiKey,
                ["HsActors:Timeout"] = "00:00:07",
                ["HsActors:MaxRetries"] = "5",
                ["HsActors:MicroBatching"] = "true",
                ["HsActors:MicroBatchSize"] = "64",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddHsActorsClient(configuration.GetSection(HsActorsClientOptions.SectionName));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<HsActorsClientOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(7), options.Timeout);
        Assert.Equal(5, options.MaxRetries);

        // Micro-batching on: concurrent calls from two resolved (transient) clients travel in batches of at most 64.
        var first = provider.GetRequiredService<IHsActorsClient>();
        var second = provider.GetRequiredService<IHsActorsClient>();
        var tasks = Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? first : second).ClassifyAsync(TestLines.Line(i))).ToArray();
        var results = await Task.WhenAll(tasks);
        for (var i = 0; i < results.Length; i++)
        {
            TestLines.AssertAnswers(i, results[i]);
        }

        Assert.Equal(0, _server.Attempts("/v1/classify"));
        Assert.Equal(200, _server.BatchSizes.Sum());
        Assert.True(_server.BatchSizes.Max() <= 64, $"a batch of {_server.BatchSizes.Max()} exceeds the configured 64");
    }

    [Fact]
    public async Task Bad_options_fail_on_resolution_naming_each_setting()
    {
        var services = new ServiceCollection();
        services.AddHsActorsClient(o =>
        {
            o.MaxRetries = -1;
            o.MicroBatchSize = 20_000;
        });
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IHsActorsClient>());

        Assert.Contains(error.Failures, f => f.Contains(nameof(HsActorsClientOptions.BaseAddress), StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains(nameof(HsActorsClientOptions.MaxRetries), StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains(nameof(HsActorsClientOptions.MicroBatchSize), StringComparison.Ordinal));
    }
}
