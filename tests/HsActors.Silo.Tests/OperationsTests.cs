using System.Globalization;

namespace HsActors.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class OperationsTests(SmallModel model)
{
    [Fact]
    public async Task Ready_is_503_until_the_model_is_loaded_while_live_is_200()
    {
        var store = new ControlledModelStore(model.Directory);
        await using var silo = new SiloFactory(model.Directory, store: store);
        var client = silo.ClientWithKey(TestKeys.Hub);

        Assert.Equal(200, (int)(await client.GetAsync("/health/live")).StatusCode);
        var notReady = await client.GetAsync("/health/ready");
        var problem = await Json.ProblemAsync(notReady, 503);
        Assert.DoesNotContain(model.Directory, problem.ToJsonString());
        Assert.NotNull(notReady.Headers.RetryAfter);
        await Json.ProblemAsync(await Json.PostAsync(client, "/v1/classify", new { description = "coffee" }), 503);

        store.Open();
        await silo.ReadyClientAsync(TestKeys.Hub);
        Assert.Equal(200, (int)(await Json.PostAsync(client, "/v1/classify", new { description = "coffee" })).StatusCode);
    }

    [Fact]
    public async Task A_configured_model_in_an_older_format_is_refused_with_the_reason_in_readiness()
    {
        using var old = new TempDirectory();
        CopyDirectory(model.Directory, old.Path);
        var router = Path.Combine(old.Path, "router.hsm");
        var bytes = await File.ReadAllBytesAsync(router);
        bytes[4] = 1; // format version 1, little-endian
        bytes[5] = 0;
        await File.WriteAllBytesAsync(router, bytes);

        await using var silo = new SiloFactory(old.Path);
        var client = silo.ClientWithKey(TestKeys.Hub);
        var detail = await Eventually.UntilAsync(async () =>
        {
            var answer = await client.GetAsync("/health/ready");
            return await answer.Content.ReadAsStringAsync();
        }, body => body.Contains("format 1", StringComparison.Ordinal), "readiness to name the outdated format");
        Assert.Contains("hs train --out", detail);
        Assert.DoesNotContain(old.Path, detail); // anonymous callers are never told a server path
        Assert.True(File.Exists(router), "the operator's model directory is left as it was");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_generic_500_problem_without_internals()
    {
        var store = new ControlledModelStore(model.Directory);
        store.Open();
        await using var silo = new SiloFactory(model.Directory, store: store);
        var client = await silo.ReadyClientAsync(TestKeys.Hub);
        store.FailChapters = true;

        var response = await Json.PostAsync(client, "/v1/classify", new { description = "coffee" });

        var problem = await Json.ProblemAsync(response, 500);
        var text = problem.ToJsonString();
        Assert.DoesNotContain("/secret/path", text);
        Assert.DoesNotContain(" at HsActors", text);
        Assert.DoesNotContain("IOException", text);
    }

    [Fact]
    public async Task Metrics_expose_request_counters_latency_chapters_and_model_versions()
    {
        await using var silo = new SiloFactory(model.Directory);
        var client = await silo.ReadyClientAsync(TestKeys.Hub);
        await Json.PostOkAsync(client, "/v1/classify", new { description = "roasted coffee" });
        await Json.PostOkAsync(client, "/v1/classify/batch", new { lines = new[] { new { description = "rubber tyres" }, new { description = "roasted coffee" } } });
        await client.GetAsync("/v1/nomenclature/0901"); // 403 for a hub

        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE hsactors_http_requests_total counter", text);
        Assert.Contains("hsactors_http_requests_total{endpoint=\"POST /v1/classify\",status=\"200\"} 1", text);
        Assert.Contains("hsactors_http_requests_total{endpoint=\"POST /v1/classify/batch\",status=\"200\"} 1", text);
        Assert.Contains("hsactors_http_requests_total{endpoint=\"GET /v1/nomenclature/{code}\",status=\"403\"} 1", text);
        Assert.Contains("# TYPE hsactors_http_request_duration_seconds histogram", text);
        Assert.Contains("hsactors_http_request_duration_seconds_count{endpoint=\"POST /v1/classify\"} 1", text);
        Assert.Contains("hsactors_classified_lines_total{chapter=\"09\"} 2", text);
        Assert.Contains("hsactors_classified_lines_total{chapter=\"40\"} 1", text);
        Assert.Contains($"hsactors_model_version{{model=\"router\",version=\"{SmallModel.Version}\"}} 1", text);
        Assert.Contains($"hsactors_model_version{{model=\"09\",version=\"{SmallModel.Version}\"}} 1", text);
        Assert.Contains("hsactors_ready 1", text);
        Assert.Contains("# TYPE hsactors_ready gauge", text);
        Assert.Contains("# TYPE hsactors_process_cpu_seconds_total counter", text);
        var cpu = text.Split('\n').Single(l => l.StartsWith("hsactors_process_cpu_seconds_total ", StringComparison.Ordinal));
        Assert.True(double.Parse(cpu.Split(' ')[1], CultureInfo.InvariantCulture) > 0, cpu);
    }
}
