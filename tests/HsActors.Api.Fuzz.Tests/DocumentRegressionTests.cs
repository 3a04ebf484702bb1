using HsActors.Api.Fuzz.Tests.Checks;
using HsActors.Api.Fuzz.Tests.Document;
using HsActors.Api.Fuzz.Tests.Fixtures;
using HsActors.Silo.Tests;

namespace HsActors.Api.Fuzz.Tests;

/// <summary>What the fuzzer found wrong with the OpenAPI document, each case as the concrete request that showed it.</summary>
[Collection(FuzzSiloCollection.Name)]
public sealed class DocumentRegressionTests(FuzzSilo silo)
{
    [Theory]
    [InlineData("GetSession", TestKeys.Hub, "/v1/session")] // a key without expiry: no expiresAt
    [InlineData("GetDeclaredCodeStatistics", TestKeys.Officer, "/v1/codes/0901.11/stats")] // never declared: no lastSeen
    [InlineData("GetChapterMap", TestKeys.Officer, "/v1/map")] // the router's map: no chapter
    [InlineData("GetNomenclature", TestKeys.Officer, "/v1/nomenclature/09")] // a chapter: no Indonesian description
    public async Task An_answer_without_its_null_members_matches_the_documented_schema(string operationId, string key, string path)
    {
        using var client = silo.Client(key);

        var body = await client.GetStringAsync(path);

        AssertMatches(Operation(operationId), 200, body);
    }

    [Fact]
    public async Task A_retraining_request_is_documented_as_the_202_it_answers()
    {
        using var admin = silo.Client(TestKeys.Admin);

        var response = await admin.PostAsync($"/v1/admin/models/{SmallModel.Chapters[2]}/retrain", null);

        Assert.Equal(202, (int)response.StatusCode);
        AssertMatches(Operation("RetrainModel"), 202, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Classify", "admin,hub,officer")]
    [InlineData("GetSession", "admin,hub,officer")]
    [InlineData("GetNomenclature", "admin,officer")]
    [InlineData("SubmitAssessment", "admin,officer")]
    [InlineData("QueryAudit", "admin")]
    [InlineData("ListModels", "admin")]
    [InlineData("PromoteModel", "admin")]
    public void Every_operation_names_the_key_roles_its_policy_admits(string operationId, string roles)
    {
        var operation = Operation(operationId);

        Assert.Equal(roles.Split(','), operation.Roles!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_operation_needs_a_key_and_says_how_to_send_it()
    {
        var scheme = silo.Document.Model.Components?.SecuritySchemes?["ApiKey"];

        Assert.Equal("X-Api-Key", scheme?.Name);
        Assert.All(silo.Document.Operations, o => Assert.NotNull(o.Roles));
        Assert.All(silo.Document.Operations, o => Assert.True(o.Responses.ContainsKey(401) && o.Responses.ContainsKey(403), $"{o} documents no 401 or 403"));
    }

    [Theory]
    [InlineData("QueryAudit", "kind,subject,from,to,limit")]
    [InlineData("Classify", "explain")]
    [InlineData("ClassifyBatch", "explain")]
    public void Query_parameters_the_handlers_read_are_documented(string operationId, string parameters)
    {
        Assert.Equal(parameters.Split(','), Operation(operationId).QueryParameters.Select(p => p.Name));
    }

    [Theory]
    [InlineData("PromoteModel")]
    [InlineData("SetModelCanary")]
    [InlineData("ClearModelShadow")]
    [InlineData("PinModel")]
    public void Pointer_changes_document_their_body_and_their_answers(string operationId)
    {
        var operation = Operation(operationId);

        Assert.NotNull(operation.RequestSchema);
        Assert.NotNull(operation.Responses[200].Schema);
        Assert.All(new[] { 400, 404, 409, 412 }, status => Assert.True(operation.Responses.ContainsKey(status), $"{operation} documents no {status}"));
    }

    [Fact]
    public void The_Orleans_dashboard_is_not_part_of_the_API_document()
    {
        Assert.DoesNotContain(silo.Document.Operations, o => o.PathTemplate.StartsWith(global::Program.DashboardRoute, StringComparison.Ordinal));
    }

    private ApiOperation Operation(string operationId) => silo.Document.Operations.Single(o => o.Name == operationId);

    private static void AssertMatches(ApiOperation operation, int status, string body) =>
        Assert.Empty(ResponseRules.SchemaErrors(operation.Responses[status].Schema!, body));
}
