namespace HsActors.Silo.Tests;

/// <summary>The admin API on the semantic index's key: read, promoted and rolled back like a chapter; what does not apply to it refused.</summary>
[Collection(SiloCollection.Name)]
public sealed class SemanticAdminApiTests(SmallModel model, SmallSemanticIndex index) : IClassFixture<SmallSemanticIndex>
{
    private const string Copy = "semantic-admin-2";

    [Fact]
    public async Task The_semantic_key_is_listed_read_promoted_and_rolled_back_and_the_silo_follows()
    {
        await using var silo = await SemanticSilo.StartAsync(model, index);

        var list = (await Json.ReadAsync(await silo.Admin.GetAsync("/v1/admin/models")))["chapters"]!.AsArray();
        Assert.Equal(["09", "40", "64", "router", SemanticSilo.Key], list.Select(c => c!["chapter"]!.GetValue<string>()));
        var listed = list.Single(c => c!["chapter"]!.GetValue<string>() == SemanticSilo.Key)!;
        Assert.Equal(SmallSemanticIndex.Version, listed["activeVersion"]!.GetValue<string>());
        Assert.Equal(SmallSemanticIndex.Version, listed["served"]!["version"]!.GetValue<string>());

        await silo.PublishCopyAsync(SemanticSilo.Key, Copy);
        var read = await silo.Admin.GetAsync("/v1/admin/models/semantic");
        var detail = await Json.ReadAsync(read);
        Assert.Equal([Copy, SmallSemanticIndex.Version], detail["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()).Order());
        Assert.Equal(index.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture),
            detail["versions"]!.AsArray().Single(v => v!["version"]!.GetValue<string>() == SmallSemanticIndex.Version)!["trainingSummary"]!["rows"]!.GetValue<string>());

        var promote = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/models/semantic/promote") { Content = Json.Body(new { version = Copy, reason = "new corpus" }) };
        promote.Headers.IfMatch.Add(read.Headers.ETag!);
        using (var promoted = await silo.Admin.SendAsync(promote))
        {
            Assert.True(promoted.IsSuccessStatusCode, await promoted.Content.ReadAsStringAsync());
            Assert.Equal(Copy, (await Json.ReadAsync(promoted))["activeVersion"]!.GetValue<string>());
        }
        await SemanticSilo.ServedAsync(silo, Copy);

        using (var rolledBack = await silo.Admin.PostAsync("/v1/admin/models/semantic/rollback", Json.Body(new { reason = "back" })))
        {
            Assert.True(rolledBack.IsSuccessStatusCode, await rolledBack.Content.ReadAsStringAsync());
        }
        var after = await SemanticSilo.ServedAsync(silo, SmallSemanticIndex.Version);
        Assert.Equal(["rollback", "promote", "promote"], after["history"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Changes_that_do_not_apply_to_the_semantic_index_are_400s_naming_chapter_and_change_nothing()
    {
        await using var silo = await SemanticSilo.StartAsync(model, index);
        await silo.PublishCopyAsync(SemanticSilo.Key, Copy);
        var revision = (await silo.ChapterAsync(SemanticSilo.Key))["chapter"]!["revision"]!.GetValue<long>();

        foreach (var (action, body, why) in new (string, object, string)[]
        {
            ("canary", new { version = Copy, percent = 10 }, "A canary does not apply to \"semantic\": the semantic stage serves its active index version only"),
            ("shadow", new { version = Copy }, "A shadow does not apply to \"semantic\""),
            ("pin", new { reason = "freeze" }, "A pin does not apply to \"semantic\""),
            ("retrain", new { }, "\"semantic\" is not retrained, and nothing was started"),
        })
        {
            var problem = await Json.ProblemAsync(await silo.Admin.PostAsync($"/v1/admin/models/semantic/{action}", Json.Body(body)), 400);
            Assert.StartsWith(why, problem["errors"]!["chapter"]![0]!.GetValue<string>());
        }

        var unchanged = (await silo.ChapterAsync(SemanticSilo.Key))["chapter"]!;
        Assert.Equal(revision, unchanged["revision"]!.GetValue<long>());
        Assert.Null(unchanged["canaryVersion"]);
        Assert.False(unchanged["pinned"]!.GetValue<bool>());
        Assert.Null(unchanged["retraining"]);

        foreach (var key in new[] { "semantics", "Semantic", "ab" })
        {
            var invalid = await Json.ProblemAsync(await silo.Admin.GetAsync($"/v1/admin/models/{key}"), 400);
            Assert.StartsWith("chapter must be a two-digit HS chapter (01..99), \"router\" or \"semantic\"", invalid["errors"]!["chapter"]![0]!.GetValue<string>());
        }
    }
}
