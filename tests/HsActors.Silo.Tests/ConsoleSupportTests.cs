using HsActors.Silo.Security;

namespace HsActors.Silo.Tests;

/// <summary>The routes the console is built on: who a key is, who declares a code, where chapters sit; and the console's own files.</summary>
[Collection(SiloCollection.Name)]
public sealed class ConsoleSupportTests(SmallModel model)
{
    private const string ExpiredKey = "expired-key";

    [Fact]
    public async Task The_session_names_the_key_and_its_role_and_an_expired_key_is_refused_saying_so()
    {
        await using var silo = new SiloFactory(model.Directory, new Dictionary<string, string?>
        {
            ["HsActors:ApiKeys:3:Name"] = "temporary",
            ["HsActors:ApiKeys:3:Role"] = "officer",
            ["HsActors:ApiKeys:3:Sha256"] = ApiKeyRegistry.HashOf(ExpiredKey),
            ["HsActors:ApiKeys:3:ExpiresAt"] = "2021-06-30T00:00:00Z",
        });

        var admin = await Json.ReadAsync(await silo.ClientWithKey(TestKeys.Admin).GetAsync("/v1/session"));
        var expired = await Json.ProblemAsync(await silo.ClientWithKey(ExpiredKey).GetAsync("/v1/session"), 401);

        Assert.Equal("test-admin", admin["name"]!.GetValue<string>());
        Assert.Equal("admin", admin["role"]!.GetValue<string>());
        Assert.Contains("'temporary' expired at 2021-06-30", expired["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_declared_codes_statistics_count_its_importers_agents_and_origins()
    {
        await using var silo = new SiloFactory(model.Directory);
        var officer = await silo.ReadyClientAsync(TestKeys.Officer);
        await Json.PostOkAsync(officer, "/v1/classify/batch", new
        {
            lines = new object[]
            {
                new { description = "green coffee", importerId = "IMP-A", declaredCode = "0901.11.20", agentId = "AG-1", originCountry = "br" },
                new { description = "green coffee beans", importerId = "IMP-A", declaredCode = "09011120", originCountry = "BR" },
                new { description = "coffee, not roasted", importerId = "IMP-B", declaredCode = "09011120", agentId = "AG-1" },
                new { description = "natural rubber", importerId = "IMP-B", declaredCode = "40011011" },
            },
        });

        var coffee = await Json.ReadAsync(await officer.GetAsync("/v1/codes/0901.11.20/stats"));
        var unseen = await Json.ReadAsync(await officer.GetAsync("/v1/codes/64039910/stats"));
        var invalid = await Json.ProblemAsync(await officer.GetAsync("/v1/codes/coffee/stats"), 400);

        Assert.Equal(3, coffee["declarations"]!.GetValue<long>());
        Assert.Equal("IMP-A:2,IMP-B:1", Pairs(coffee["topImporters"]!));
        Assert.Equal("AG-1:2", Pairs(coffee["topAgents"]!));
        Assert.Equal("BR:2", Pairs(coffee["topOriginCountries"]!));
        Assert.Equal(0, unseen["declarations"]!.GetValue<long>());
        Assert.NotNull(invalid["errors"]!["code"]);
    }

    [Fact]
    public async Task The_chapter_map_places_every_chapter_of_the_router_with_its_section_and_one_chapters_headings()
    {
        await using var silo = new SiloFactory(model.Directory);
        var officer = await silo.ReadyClientAsync(TestKeys.Officer);

        var chapters = await Json.ReadAsync(await officer.GetAsync("/v1/map"));
        var headings = await Json.ReadAsync(await officer.GetAsync("/v1/map/09"));
        var hub = await silo.ClientWithKey(TestKeys.Hub).GetAsync("/v1/map");
        var bad = await Json.ProblemAsync(await officer.GetAsync("/v1/map/0901"), 400);

        var points = chapters["points"]!.AsArray();
        Assert.Equal(SmallModel.Chapters, points.Select(p => p!["code"]!.GetValue<string>()).Order());
        Assert.Equal(SmallModel.Version, chapters["modelVersion"]!.GetValue<string>());
        Assert.Contains("router", chapters["basis"]!.GetValue<string>());
        Assert.Equal("II", points.Single(p => p!["code"]!.GetValue<string>() == "09")!["section"]!.GetValue<string>());
        Assert.All(points, p => Assert.InRange(p!["x"]!.GetValue<double>(), -1, 1));
        Assert.Equal("09", headings["chapter"]!.GetValue<string>());
        Assert.All(headings["points"]!.AsArray(), p => Assert.StartsWith("09", p!["code"]!.GetValue<string>()));
        Assert.True(headings["points"]!.AsArray().Count > 1);
        Assert.Equal(403, (int)hub.StatusCode);
        Assert.NotNull(bad["errors"]!["chapter"]);
    }

    [Fact]
    public async Task The_console_is_served_at_the_root_with_a_strict_content_security_policy()
    {
        await using var silo = new SiloFactory(model.Directory);
        var anonymous = silo.ClientWithKey(null);

        var page = await anonymous.GetAsync("/");
        var script = await anonymous.GetAsync("/js/app.js");

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Contains("<title>HsActors console</title>", await page.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    private static string Pairs(System.Text.Json.Nodes.JsonNode counts) =>
        string.Join(',', counts.AsArray().Select(c => $"{c!["key"]!.GetValue<string>()}:{c["count"]!.GetValue<long>()}"));
}
