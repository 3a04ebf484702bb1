using System.Globalization;
using System.Text.Json.Nodes;

namespace HsActors.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class ClassifyEndpointTests(SmallModel model) : IAsyncLifetime
{
    private const string Coffee = "roasted coffee beans, not decaffeinated";
    private const string Tyres = "new pneumatic tyres of rubber for motor cars";
    private const string Shoes = "footwear with outer soles and uppers of leather";
    private readonly SiloFactory _silo = new(model.Directory);
    private HttpClient _hub = null!;

    public async Task InitializeAsync() => _hub = await _silo.ReadyClientAsync(TestKeys.Hub);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Classify_returns_ranked_described_explained_codes_with_model_versions()
    {
        var body = await Json.PostOkAsync(_hub, "/v1/classify", new { description = Coffee, id = "line-1" });

        Assert.Equal("line-1", body["id"]!.GetValue<string>());
        var recommendations = body["recommendations"]!.AsArray();
        Assert.Equal(5, recommendations.Count);
        var probabilities = recommendations.Select(r => r!["probability"]!.GetValue<double>()).ToArray();
        Assert.Equal(probabilities.OrderDescending(), probabilities);
        Assert.All(probabilities, p => Assert.InRange(p, 0.0, 1.0));
        var top = recommendations[0]!;
        Assert.Equal("09", top["chapter"]!.GetValue<string>());
        Assert.StartsWith("09", top["code"]!.GetValue<string>());
        var officer = _silo.ClientWithKey(TestKeys.Officer);
        var entry = await Json.ReadAsync(await officer.GetAsync("/v1/nomenclature/" + top["code"]!.GetValue<string>()));
        Assert.Equal(entry["label"]!.GetValue<string>(), top["descriptionEn"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(top["descriptionId"]?.GetValue<string>()), "BTKI national lines have Indonesian text.");
        var explanation = top["explanation"]!.AsArray();
        Assert.InRange(explanation.Count, 1, 3);
        Assert.All(explanation, t => Assert.True(t!["weight"]!.GetValue<double>() > 0));
        var weights = explanation.Select(t => t!["weight"]!.GetValue<double>()).ToArray();
        Assert.Equal(weights.OrderDescending(), weights);

        var chapters = body["chapters"]!.AsArray();
        Assert.Equal("09", chapters[0]!["chapter"]!.GetValue<string>());
        Assert.Contains("Coffee", chapters[0]!["title"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var versions = body["modelVersions"]!.AsObject();
        Assert.Equal(SmallModel.Version, versions["router"]!.GetValue<string>());
        Assert.Equal(SmallModel.Version, versions["09"]!.GetValue<string>());
        Assert.Null(body["declaredCodeCheck"]);
        Assert.Null(body["importer"]);
    }

    [Fact]
    public async Task Top_limits_the_recommendations()
    {
        var body = await Json.PostOkAsync(_hub, "/v1/classify", new { description = Tyres, top = 2 });
        Assert.Equal(2, body["recommendations"]!.AsArray().Count);
        Assert.Equal("40", body["recommendations"]![0]!["chapter"]!.GetValue<string>());
    }

    [Fact]
    public async Task Level_6_ranks_described_explained_subheadings_each_worth_at_least_its_national_lines()
    {
        var national = (await Json.PostOkAsync(_hub, "/v1/classify", new { description = Coffee, top = 20 }))["recommendations"]!.AsArray();
        var body = await Json.PostOkAsync(_hub, "/v1/classify", new { description = Coffee, level = 6, top = 3 });

        var subheadings = body["recommendations"]!.AsArray();
        Assert.Equal(3, subheadings.Count);
        var codes = subheadings.Select(r => r!["code"]!.GetValue<string>()).ToArray();
        Assert.All(codes, code => Assert.Equal(6, code.Length));
        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.StartsWith("09", codes[0]);
        foreach (var subheading in subheadings)
        {
            var code = subheading!["code"]!.GetValue<string>();
            var linesShown = national.Where(r => r!["code"]!.GetValue<string>().StartsWith(code, StringComparison.Ordinal))
                .Sum(r => r!["probability"]!.GetValue<double>());
            Assert.True(subheading["probability"]!.GetValue<double>() >= linesShown - 1e-4, $"{code} is worth less than its lines.");
            Assert.False(string.IsNullOrWhiteSpace(subheading["descriptionEn"]!.GetValue<string>()));
        }
        Assert.NotEmpty(subheadings[0]!["explanation"]!.AsArray());
    }

    [Fact]
    public async Task Batch_keeps_the_lines_order_and_can_skip_explanations()
    {
        string[] descriptions = [Coffee, Tyres, Shoes];
        string[] chapters = ["09", "40", "64"];
        var lines = Enumerable.Range(0, 60).Select(i => new { id = "L" + i.ToString(CultureInfo.InvariantCulture), description = descriptions[i % 3], top = 3 }).ToArray();

        var body = await Json.PostOkAsync(_hub, "/v1/classify/batch?explain=false", new { lines });

        var results = body["results"]!.AsArray();
        Assert.Equal(lines.Length, results.Count);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equal(lines[i].id, results[i]!["id"]!.GetValue<string>());
            Assert.Equal(chapters[i % 3], results[i]!["recommendations"]![0]!["chapter"]!.GetValue<string>());
            Assert.All(results[i]!["recommendations"]!.AsArray(), r => Assert.Empty(r!["explanation"]!.AsArray()));
        }
    }

    [Fact]
    public async Task The_hierarchy_reads_a_lines_category_and_telling_attributes_alone_and_in_a_batch()
    {
        // A title written for buyers names no goods of the model's three chapters; its category and material do.
        const string title = "Summer New Style Breathable Comfortable Size 42";
        var attributes = new Dictionary<string, string> { ["Upper Material"] = "Mesh", ["Brand Name"] = "NoEnName_Null" };
        const string category = "Shoes > Men's Shoes > Sneakers > ___";

        var bare = await Json.PostOkAsync(_hub, "/v1/classify", new { description = title, mode = "fast" });
        var told = await Json.PostOkAsync(_hub, "/v1/classify", new { description = title, category, attributes, mode = "fast" });
        var batch = await Json.PostOkAsync(_hub, "/v1/classify/batch", new { lines = new object[] { new { description = title, category, attributes, mode = "fast" } } });

        Assert.Equal("64", told["recommendations"]![0]!["chapter"]!.GetValue<string>());
        Assert.Equal("64", told["chapters"]![0]!["chapter"]!.GetValue<string>());
        Assert.False(told["encoderConsulted"]!.GetValue<bool>());
        Assert.NotEqual(Codes(bare), Codes(told));
        Assert.Equal(Codes(told), Codes(batch["results"]![0]!));
    }

    private static string[] Codes(JsonNode answer) => [.. answer["recommendations"]!.AsArray().Select(r => r!["code"]!.GetValue<string>())];

    [Fact]
    public async Task Declared_code_that_is_the_top_recommendation_agrees_at_its_own_level()
    {
        var first = await Json.PostOkAsync(_hub, "/v1/classify", new { description = Coffee });
        var topCode = first["recommendations"]![0]!["code"]!.GetValue<string>();

        var eight = await Json.PostOkAsync(_hub, "/v1/classify", new { description = Coffee, declaredCode = Dotted(topCode) });
        var six = await Json.PostOkAsync(_hub, "/v1/classify", new { description = Coffee, declaredCode = topCode[..6] });

        foreach (var (body, expected) in new[] { (eight, topCode), (six, topCode[..6]) })
        {
            var check = body["declaredCodeCheck"]!;
            Assert.Equal("Agrees", check["verdict"]!.GetValue<string>());
            Assert.Equal(expected, check["declaredCode"]!.GetValue<string>());
            Assert.Equal(0.0, check["riskScore"]!.GetValue<double>());
            Assert.True(check["probabilityOfDeclared"]!.GetValue<double>() > 0);
        }
        Assert.True(six["declaredCodeCheck"]!["probabilityOfDeclared"]!.GetValue<double>()
            >= eight["declaredCodeCheck"]!["probabilityOfDeclared"]!.GetValue<double>() - 1e-6,
            "A subheading holds at least the probability of any one of its lines.");
    }

    [Fact]
    public async Task Declared_code_from_another_chapter_disagrees_with_risk_one_minus_its_probability()
    {
        var body = await Json.PostOkAsync(_hub, "/v1/classify", new { description = Coffee, declaredCode = "6403.99" });

        var check = body["declaredCodeCheck"]!;
        Assert.Equal("Disagrees", check["verdict"]!.GetValue<string>());
        var probability = check["probabilityOfDeclared"]!.GetValue<double>();
        Assert.Equal(1.0 - probability, check["riskScore"]!.GetValue<double>(), 6);
        Assert.True(probability < 0.01, $"P(declared) = {probability}"); // below the default agreement threshold
    }

    [Theory]
    [InlineData("coffee")]
    [InlineData("0901.2")]
    [InlineData("09")]
    [InlineData("99999999")]
    public async Task Declared_code_that_is_not_a_nomenclature_code_is_reported_not_rejected(string declared)
    {
        var body = await Json.PostOkAsync(_hub, "/v1/classify", new { description = Coffee, declaredCode = declared });

        var check = body["declaredCodeCheck"]!;
        Assert.Equal("NotAValidCode", check["verdict"]!.GetValue<string>());
        Assert.Equal(declared, check["declaredCode"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(check["reason"]!.GetValue<string>()));
        Assert.NotEmpty(body["recommendations"]!.AsArray());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_v1_endpoints()
    {
        var document = await Json.ReadAsync(await _hub.GetAsync("/openapi/v1.json"));
        var paths = document["paths"]!.AsObject();
        Assert.Contains("/v1/classify", paths.Select(p => p.Key));
        Assert.Contains("/v1/classify/batch", paths.Select(p => p.Key));
        Assert.Contains("/v1/nomenclature/{code}", paths.Select(p => p.Key));
        Assert.Contains("/v1/importers/{id}/stats", paths.Select(p => p.Key));
    }

    [Theory]
    [InlineData("\u0000\u0000")]
    [InlineData("\uD83D\uDE00\uD83D\uDE97\uD83D\uDD27")]
    [InlineData("!!! ... ---")]
    public async Task A_description_with_no_letter_or_digit_is_a_400_naming_the_description(string description)
    {
        var response = await Json.PostAsync(_hub, "/v1/classify", new { description = System.Text.RegularExpressions.Regex.Unescape(description) });

        var problem = await Json.ProblemAsync(response, 400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("description"), problem.ToJsonString());
    }

    [Fact]
    public async Task In_a_batch_a_line_with_nothing_to_read_gets_its_own_error_and_the_others_are_answered()
    {
        var batch = await Json.PostOkAsync(_hub, "/v1/classify/batch", new
        {
            lines = new object[] { new { description = "roasted coffee", id = "L1" }, new { description = "\uD83D\uDE00?!", id = "L2" }, new { description = "rubber tyres", id = "L3" } },
        });

        var results = batch["results"]!.AsArray();
        Assert.Equal(["L1", "L2", "L3"], results.Select(r => r!["id"]!.GetValue<string>()));
        Assert.NotEmpty(results[0]!["recommendations"]!.AsArray());
        Assert.Empty(results[1]!["recommendations"]!.AsArray());
        Assert.Contains("no letter or digit", results[1]!["error"]!.GetValue<string>());
        Assert.NotEmpty(results[2]!["recommendations"]!.AsArray());
    }

    [Fact]
    public async Task The_OpenApi_document_never_echoes_the_requests_host_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";
        var response = await _hub.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("evil.example", text);
        Assert.Empty((await Json.ReadAsync(response))["servers"]?.AsArray() ?? []);
    }

    private static string Dotted(string code) => code.Length == 8 ? $"{code[..4]}.{code[4..6]}.{code[6..]}" : code;
}
