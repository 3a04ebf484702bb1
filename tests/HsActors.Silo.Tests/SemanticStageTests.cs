using System.Text.Json.Nodes;

namespace HsActors.Silo.Tests;

/// <summary>The silo with its semantic stage on, serving a small real index published at start-up.</summary>
[Collection(SiloCollection.Name)]
public sealed class SemanticStageTests(SmallModel model, SmallSemanticIndex index) : IClassFixture<SmallSemanticIndex>, IAsyncLifetime
{
    private const string Pendant = "Cute Green Dragon Magnetic Pendant, retro style gift";
    private SiloFactory _silo = null!;
    private HttpClient _hub = null!;

    public async Task InitializeAsync()
    {
        _silo = new SiloFactory(model.Directory, new Dictionary<string, string?>
        {
            ["HsActors:Semantic:Enabled"] = "true",
            ["HsActors:Semantic:IndexFile"] = index.File,
            ["HsActors:Semantic:BuildWhenMissing"] = "false",
        });
        _hub = await _silo.ReadyClientAsync(TestKeys.Hub);
        // The index loads after the silo is ready; until then every line says it was answered "fast".
        await Eventually.UntilAsync(() => ClassifyAsync(Pendant, "full"), a => a["mode"]!.GetValue<string>() == "full",
            "the semantic index to be served", TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Each_mode_answers_as_it_says_and_the_default_is_the_cascade()
    {
        var full = await ClassifyAsync(Pendant, "full");
        Assert.True(full["encoderConsulted"]!.GetValue<bool>());
        Assert.Equal(5, full["recommendations"]!.AsArray().Count);

        var fast = await ClassifyAsync(Pendant, "fast");
        Assert.Equal("fast", fast["mode"]!.GetValue<string>());
        Assert.False(fast["encoderConsulted"]!.GetValue<bool>());

        // The default, the cascade, asks the encoder exactly when the hierarchy's first subheading is below the
        // threshold (0.4), at 8 digits as at 6: the subheading's probability is what its national lines share.
        foreach (var description in new[] { "roasted coffee beans, not decaffeinated", Pendant })
        {
            var hierarchy = await ClassifyAsync(description, "fast");
            // The cascade reads the hierarchy 20 codes deep, as a fast answer of 20 shows them.
            var lines = (await Json.PostOkAsync(_hub, "/v1/classify", new { description, mode = "fast", top = 20 }))["recommendations"]!.AsArray();
            var subheading = lines[0]!["code"]!.GetValue<string>()[..6];
            var confidence = lines.Where(l => l!["code"]!.GetValue<string>().StartsWith(subheading, StringComparison.Ordinal)).Sum(l => l!["probability"]!.GetValue<double>());
            var byDefault = await ClassifyAsync(description, mode: null);
            Assert.Equal("cascade", byDefault["mode"]!.GetValue<string>());
            var unsure = confidence < 0.4;
            Assert.Equal(unsure, byDefault["encoderConsulted"]!.GetValue<bool>());
            Assert.False(byDefault["encoderBusy"]!.GetValue<bool>());
            if (!unsure)
                Assert.Equal(hierarchy["recommendations"]!.ToJsonString(), byDefault["recommendations"]!.ToJsonString());
        }

        // Operators see how many lines the encoder took part in (and, under load, how many it was too busy for).
        var metrics = await _hub.GetStringAsync("/metrics");
        Assert.Contains("# TYPE hsactors_semantic_lines_total counter", metrics);
        Assert.Contains("hsactors_semantic_lines_total{encoder=\"consulted\"}", metrics);
    }

    [Fact]
    public async Task An_Indonesian_description_keeps_the_hierarchys_answer_even_in_full_mode()
    {
        var answer = await ClassifyAsync("sepatu kulit dengan sol karet untuk pria", "full");
        Assert.Equal("full", answer["mode"]!.GetValue<string>());
        Assert.False(answer["encoderConsulted"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Category_and_attributes_are_read_on_single_lines_and_batch_lines()
    {
        var line = new
        {
            description = "Unisex Casual Sneakers",
            mode = "full",
            category = "Fashion > Shoes > Sneakers",
            attributes = new Dictionary<string, string> { ["Upper Material"] = "leather", ["Sole Type"] = "rubber", ["Brand"] = "Acme" },
        };
        var single = await Json.PostOkAsync(_hub, "/v1/classify", line);
        Assert.True(single["encoderConsulted"]!.GetValue<bool>());
        Assert.StartsWith("64", single["recommendations"]![0]!["code"]!.GetValue<string>());

        var batch = await Json.PostOkAsync(_hub, "/v1/classify/batch", new { lines = new object[] { line, new { description = Pendant, mode = "fast" } } });
        var results = batch["results"]!.AsArray();
        Assert.Equal("full", results[0]!["mode"]!.GetValue<string>());
        Assert.Equal(single["recommendations"]![0]!["code"]!.GetValue<string>(), results[0]!["recommendations"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("fast", results[1]!["mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_mode_the_silo_does_not_know_and_oversized_attributes_are_400s_naming_the_field()
    {
        var mode = await Json.ProblemAsync(await Json.PostAsync(_hub, "/v1/classify", new { description = Pendant, mode = "turbo" }), 400);
        Assert.Contains("fast", mode["errors"]!["mode"]![0]!.GetValue<string>());

        // As many as the richest real listings carry, one value as long as theirs, are read; beyond the limit, a 400.
        var rich = Enumerable.Range(0, 60).ToDictionary(i => $"attribute {i}", i => i == 0 ? new string('x', 600) : "x");
        await Json.PostOkAsync(_hub, "/v1/classify", new { description = Pendant, attributes = rich });
        var many = Enumerable.Range(0, 129).ToDictionary(i => $"attribute {i}", _ => "x");
        var attributes = await Json.ProblemAsync(await Json.PostAsync(_hub, "/v1/classify/batch",
            new { lines = new object[] { new { description = Pendant }, new { description = Pendant, attributes = many } } }), 400);
        Assert.NotNull(attributes["errors"]!["lines[1].attributes"]);
    }

    [Fact]
    public async Task An_officers_assessment_joins_the_index_at_once_and_moves_similar_new_lines()
    {
        const string assessed = "Zorblax quantum hover widget, deluxe edition";
        const string similar = "Zorblax quantum hover widget deluxe edition, blue";
        var before = await ClassifyAsync(similar, "full");
        var codes = before["recommendations"]!.AsArray().Select(r => r!["code"]!.GetValue<string>()).ToHashSet();
        // A real tyre line the pendant-like nonsense was not ranked near: the officer's decision is all that can bring it.
        var code = Enumerable.Range(0, 40).Select(i => Assessments.LineOf("40", i)).First(c => !codes.Contains(c));

        var officer = _silo.ClientWithKey(TestKeys.Officer);
        using var accepted = await Json.PostAsync(officer, "/v1/assessments", Assessments.Body("semantic-learn-1", assessed, code));
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());

        // Another wording (so no override of the officer's matches it): only the index can carry the decision over.
        var after = await Eventually.UntilAsync(() => ClassifyAsync(similar, "full"),
            a => a["recommendations"]!.AsArray().Any(r => r!["code"]!.GetValue<string>() == code),
            "the assessed code to be recommended for a similar line", TimeSpan.FromSeconds(20));
        Assert.False(after["fromOfficerAssessment"]!.GetValue<bool>());
        Assert.True(after["encoderConsulted"]!.GetValue<bool>());
    }

    private async Task<JsonNode> ClassifyAsync(string description, string? mode) =>
        await Json.PostOkAsync(_hub, "/v1/classify", mode is null ? new { description } : (object)new { description, mode });
}
