using System.Text.Json.Nodes;

namespace HsActors.Silo.Tests;

/// <summary>Every malformed request is a 400 problem naming the field at fault; nothing reaches the model or a 500.</summary>
[Collection(SiloCollection.Name)]
public sealed class BadInputTests(SmallModel model) : IAsyncLifetime
{
    private readonly SiloFactory _silo = new(model.Directory);
    private HttpClient _hub = null!;

    public async Task InitializeAsync() => _hub = await _silo.ReadyClientAsync(TestKeys.Hub);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    public static TheoryData<string, string> SingleLineCases => new()
    {
        { """{"description":""}""", "description" },
        { """{"description":"   \t "}""", "description" },
        { """{"top":3}""", "description" },
        { """{"description":null}""", "description" },
        { "{\"description\":\"" + new string('x', 2_001) + "\"}", "description" },
        { """{"description":"coffee","top":0}""", "top" },
        { """{"description":"coffee","top":21}""", "top" },
        { """{"description":"coffee","top":"five"}""", "top" },
        { """{"description":"coffee","top":2.5}""", "top" },
        { """{"description":"coffee","level":7}""", "level" },
        { """{"description":"coffee","level":"six"}""", "level" },
        { """{"description":12345}""", "description" },
        { """{"description":"coffee","originCountry":"CHN"}""", "originCountry" },
        { """{"description":"coffee","importerId":"  "}""", "importerId" },
        { """{"description":"coffee","declaredCode":"0901.21.00.00.00.00.00.00.00.00.00"}""", "declaredCode" },
        { """{"description":"coffee" """, "body" },
        { "not json at all", "body" },
        { "null", "body" },
        { "[1,2]", "body" },
    };

    [Theory]
    [MemberData(nameof(SingleLineCases))]
    public async Task Single_line_problem_names_the_field(string json, string field)
    {
        var response = await _hub.PostAsync("/v1/classify", Json.Body(json));

        var problem = await Json.ProblemAsync(response, 400);
        AssertNames(problem, field);
    }

    [Fact]
    public async Task A_body_nested_past_the_readers_limit_says_so_and_names_where()
    {
        var deep = new string('[', 70) + new string(']', 70);
        var response = await _hub.PostAsync("/v1/classify", Json.Body("{\"description\":\"coffee\",\"extra\":" + deep + "}"));

        var problem = await Json.ProblemAsync(response, 400);
        AssertNames(problem, "extra");
        Assert.Contains("nested deeper than the 64 levels", problem["errors"]!["extra"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BatchCases => new()
    {
        { """{}""", "lines" },
        { """{"lines":[]}""", "lines" },
        { """{"lines":"coffee"}""", "lines" },
        { Lines(17, """{"description":" "}"""), "lines[17].description" },
        { Lines(3, """{"description":"coffee","top":"x"}"""), "lines[3].top" },
        { Lines(5, """{"description":"coffee","top":99}"""), "lines[5].top" },
        { Lines(2, "null"), "lines[2]" },
    };

    [Theory]
    [MemberData(nameof(BatchCases))]
    public async Task Batch_problem_names_the_line_and_field(string json, string field)
    {
        var response = await _hub.PostAsync("/v1/classify/batch", Json.Body(json));

        var problem = await Json.ProblemAsync(response, 400);
        AssertNames(problem, field);
    }

    [Fact]
    public async Task Batch_over_ten_thousand_lines_is_refused()
    {
        var lines = Enumerable.Repeat(new { description = "coffee" }, 10_001).ToArray();

        var response = await Json.PostAsync(_hub, "/v1/classify/batch", new { lines });

        AssertNames(await Json.ProblemAsync(response, 400), "lines");
    }

    [Fact]
    public async Task Body_over_the_size_limit_is_refused()
    {
        var response = await Json.PostAsync(_hub, "/v1/classify", new { description = "coffee", id = new string('x', 1_100_000) });

        AssertNames(await Json.ProblemAsync(response, 400), "body");
    }

    [Fact]
    public async Task Explain_query_must_be_a_boolean()
    {
        var response = await Json.PostAsync(_hub, "/v1/classify/batch?explain=maybe", new { lines = new[] { new { description = "coffee" } } });

        AssertNames(await Json.ProblemAsync(response, 400), "explain");
    }

    [Theory]
    [InlineData("12ab", 400)]
    [InlineData("123", 400)]
    [InlineData("0000", 404)]
    public async Task Nomenclature_lookup_of_a_bad_code(string code, int status)
    {
        var officer = _silo.ClientWithKey(TestKeys.Officer);

        var problem = await Json.ProblemAsync(await officer.GetAsync($"/v1/nomenclature/{code}"), status);

        if (status == 400)
        {
            AssertNames(problem, "code");
        }
    }

    private static void AssertNames(JsonObject problem, string field)
    {
        var errors = problem["errors"]?.AsObject();
        Assert.True(errors is not null, $"No errors member in {problem.ToJsonString()}");
        Assert.True(errors.ContainsKey(field), $"Expected an error for '{field}', got: {errors.ToJsonString()}");
        Assert.NotEmpty(errors[field]!.AsArray());
    }

    private static string Lines(int badIndex, string badLine) =>
        "{\"lines\":[" + string.Join(",", Enumerable.Range(0, badIndex + 3).Select(i => i == badIndex ? badLine : """{"description":"coffee"}""")) + "]}";
}
