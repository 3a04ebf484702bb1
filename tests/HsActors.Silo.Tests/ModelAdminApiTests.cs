using System.Net.Http.Headers;

namespace HsActors.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class ModelAdminApiTests(SmallModel model)
{
    [Fact]
    public async Task Admin_routes_need_an_admin_key()
    {
        await using var silo = await LifecycleSilo.StartAsync(model);

        await Json.ProblemAsync(await silo.Factory.ClientWithKey(null).GetAsync("/v1/admin/models"), 401);
        await Json.ProblemAsync(await silo.Factory.ClientWithKey(TestKeys.Hub).GetAsync("/v1/admin/models"), 403);
        await Json.ProblemAsync(await silo.Factory.ClientWithKey(TestKeys.Officer).PostAsync("/v1/admin/models/09/pin", Json.Body(new { reason = "x" })), 403);
        Assert.Equal(200, (int)(await silo.Admin.GetAsync("/v1/admin/models")).StatusCode);
    }

    [Fact]
    public async Task The_list_and_the_chapter_view_show_pointers_versions_and_figures()
    {
        await using var silo = await LifecycleSilo.StartAsync(model);
        await silo.WarmAsync("roasted coffee beans");

        var list = await Json.ReadAsync(await silo.Admin.GetAsync("/v1/admin/models"));
        var chapters = list["chapters"]!.AsArray();
        Assert.Equal(["09", "40", "64", "router"], chapters.Select(c => c!["chapter"]!.GetValue<string>()));
        var coffee = chapters[0]!;
        Assert.Equal(SmallModel.Version, coffee["activeVersion"]!.GetValue<string>());
        Assert.Equal(SmallModel.Version, coffee["served"]!["version"]!.GetValue<string>());
        Assert.False(coffee["pinned"]!.GetValue<bool>());

        var response = await silo.Admin.GetAsync("/v1/admin/models/09");
        Assert.NotNull(response.Headers.ETag);
        var detail = await Json.ReadAsync(response);
        var version = detail["versions"]!.AsArray().Single()!;
        Assert.Equal(SmallModel.Version, version["version"]!.GetValue<string>());
        Assert.Equal("active", version["status"]!.GetValue<string>());
        Assert.Equal("bootstrap", version["createdBy"]!.GetValue<string>());
        Assert.Equal("promote", detail["history"]![0]!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_requests_are_problems_naming_the_field_and_unknown_things_are_404()
    {
        await using var silo = await LifecycleSilo.StartAsync(model);

        var badChapter = await Json.ProblemAsync(await silo.Admin.GetAsync("/v1/admin/models/ab"), 400);
        Assert.NotNull(badChapter["errors"]!["chapter"]);
        await Json.ProblemAsync(await silo.Admin.GetAsync("/v1/admin/models/85"), 404);
        var noVersion = await Json.ProblemAsync(await silo.Admin.PostAsync("/v1/admin/models/09/promote", Json.Body(new { })), 400);
        Assert.NotNull(noVersion["errors"]!["version"]);
        var badPercent = await Json.ProblemAsync(await silo.Admin.PostAsync("/v1/admin/models/09/canary", Json.Body(new { version = SmallModel.Version, percent = 101 })), 400);
        Assert.NotNull(badPercent["errors"]!["percent"]);
        var noReason = await Json.ProblemAsync(await silo.Admin.PostAsync("/v1/admin/models/09/pin", Json.Body(new { })), 400);
        Assert.NotNull(noReason["errors"]!["reason"]);
        var badVersionId = await Json.ProblemAsync(await silo.Admin.PostAsync("/v1/admin/models/09/promote", Json.Body(new { version = "../x" })), 400);
        Assert.NotNull(badVersionId["errors"]!["version"]);
        await Json.ProblemAsync(await silo.Admin.PostAsync("/v1/admin/models/09/promote", Json.Body(new { version = "nosuchversion" })), 404);
        await Json.ProblemAsync(await silo.Admin.PostAsync("/v1/admin/models/09/rollback", Json.Body(new { })), 409);
    }

    [Fact]
    public async Task A_change_with_a_stale_If_Match_is_412_and_changes_nothing()
    {
        await using var silo = await LifecycleSilo.StartAsync(model);
        await silo.PublishCopyAsync("40", "v2");
        var read = await silo.Admin.GetAsync("/v1/admin/models/40");
        var etag = read.Headers.ETag!;

        // Another administrator pins the chapter first.
        var pin = await Send(silo, HttpMethod.Post, "/v1/admin/models/40/pin", new { reason = "audit in progress" }, etag);
        Assert.Equal(200, (int)pin.StatusCode);
        var stale = await Send(silo, HttpMethod.Post, "/v1/admin/models/40/promote", new { version = "v2" }, etag);

        var problem = await Json.ProblemAsync(stale, 412);
        Assert.Contains("changed", problem["title"]!.GetValue<string>());
        var detail = await silo.ChapterAsync("40");
        Assert.Equal(SmallModel.Version, detail["chapter"]!["activeVersion"]!.GetValue<string>());
        Assert.True(detail["chapter"]!["pinned"]!.GetValue<bool>());

        // With the fresh ETag the promotion lands; a pin only stops automatic promotion.
        var promote = await Send(silo, HttpMethod.Post, "/v1/admin/models/40/promote", new { version = "v2" }, pin.Headers.ETag!);
        Assert.Equal(200, (int)promote.StatusCode);
        Assert.Equal("v2", (await Json.ReadAsync(promote))["activeVersion"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> Send(LifecycleSilo silo, HttpMethod method, string path, object body, EntityTagHeaderValue etag)
    {
        var request = new HttpRequestMessage(method, path) { Content = Json.Body(body) };
        request.Headers.IfMatch.Add(etag);
        return silo.Admin.SendAsync(request);
    }
}
