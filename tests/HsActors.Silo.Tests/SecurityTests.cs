using System.Net.Http.Headers;

namespace HsActors.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class SecurityTests(SmallModel model) : IAsyncLifetime
{
    private readonly SiloFactory _silo = new(model.Directory);

    public async Task InitializeAsync() => await _silo.ReadyClientAsync(null);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("dev-hub-key")] // the shipped development key is replaced by the test configuration
    public async Task Missing_or_unknown_key_is_401(string? key)
    {
        var client = _silo.ClientWithKey(key);

        var response = await Json.PostAsync(client, "/v1/classify", new { description = "coffee" });

        await Json.ProblemAsync(response, 401);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData(TestKeys.Hub, 403)]
    [InlineData(TestKeys.Officer, 403)]
    [InlineData(TestKeys.Admin, 200)]
    public async Task The_Orleans_dashboard_is_for_admin_keys_only(string? key, int expected)
    {
        var response = await _silo.ClientWithKey(key).GetAsync(Program.DashboardRoute + "/");

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 200)
        {
            Assert.Contains("html", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData(TestKeys.Hub, "POST", "/v1/classify", 200)]
    [InlineData(TestKeys.Hub, "POST", "/v1/classify/batch", 200)]
    [InlineData(TestKeys.Hub, "GET", "/v1/nomenclature/0901", 403)]
    [InlineData(TestKeys.Hub, "GET", "/v1/importers/ACME/stats", 403)]
    [InlineData(TestKeys.Officer, "POST", "/v1/classify", 200)]
    [InlineData(TestKeys.Officer, "POST", "/v1/classify/batch", 200)] // the console checks pasted lists through it
    [InlineData(TestKeys.Officer, "GET", "/v1/nomenclature/0901", 200)]
    [InlineData(TestKeys.Officer, "GET", "/v1/importers/ACME/stats", 200)]
    [InlineData(TestKeys.Admin, "POST", "/v1/classify", 200)]
    [InlineData(TestKeys.Admin, "POST", "/v1/classify/batch", 200)]
    [InlineData(TestKeys.Admin, "GET", "/v1/nomenclature/0901", 200)]
    [InlineData(TestKeys.Admin, "GET", "/v1/importers/ACME/stats", 200)]
    public async Task Roles_decide_the_endpoints(string key, string method, string path, int status)
    {
        // ACME exists once any line of it was classified.
        await Json.PostOkAsync(_silo.ClientWithKey(TestKeys.Admin), "/v1/classify", new { description = "green coffee", importerId = "ACME" });
        var client = _silo.ClientWithKey(key);

        var response = method == "GET"
            ? await client.GetAsync(path)
            : await Json.PostAsync(client, path, path.EndsWith("batch", StringComparison.Ordinal)
                ? new { lines = new[] { new { description = "coffee" } } }
                : new { description = "coffee" });

        if (status == 403)
        {
            await Json.ProblemAsync(response, 403);
        }
        else
        {
            Assert.Equal(status, (int)response.StatusCode);
        }
    }

    [Fact]
    public async Task Authorization_header_with_the_ApiKey_scheme_is_accepted()
    {
        var client = _silo.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", TestKeys.Officer);

        var response = await client.GetAsync("/v1/nomenclature/0901");

        Assert.Equal(200, (int)response.StatusCode);
    }
}

[Collection(SiloCollection.Name)]
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly SiloFactory _silo;

    public RateLimitTests(SmallModel model) => _silo = new SiloFactory(model.Directory, new Dictionary<string, string?>
    {
        ["HsActors:RateLimits:hub:PermitsPerSecond"] = "1",
        ["HsActors:RateLimits:hub:Burst"] = "2",
    });

    public async Task InitializeAsync() => await _silo.ReadyClientAsync(null);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_Retry_After_while_other_keys_pass()
    {
        var hub = _silo.ClientWithKey(TestKeys.Hub);
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((int)(await Json.PostAsync(hub, "/v1/classify", new { description = "coffee" })).StatusCode);
        }
        var refused = await Json.PostAsync(hub, "/v1/classify", new { description = "coffee" });
        var admin = await Json.PostAsync(_silo.ClientWithKey(TestKeys.Admin), "/v1/classify", new { description = "coffee" });

        Assert.Equal([200, 200], statuses.Take(2));
        Assert.Contains(429, statuses);
        await Json.ProblemAsync(refused, 429);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(200, (int)admin.StatusCode);
    }
}
