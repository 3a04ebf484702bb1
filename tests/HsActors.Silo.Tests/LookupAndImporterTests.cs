namespace HsActors.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class LookupAndImporterTests(SmallModel model)
{
    [Fact]
    public async Task Nomenclature_lookup_gives_bilingual_text_and_parents_chapter_first()
    {
        await using var silo = new SiloFactory(model.Directory);
        var officer = silo.ClientWithKey(TestKeys.Officer);

        var item = await Json.ReadAsync(await officer.GetAsync("/v1/nomenclature/0901.21.11"));

        Assert.Equal("09012111", item["code"]!.GetValue<string>());
        Assert.Equal(8, item["level"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(item["descriptionEn"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(item["descriptionId"]!.GetValue<string>()));
        Assert.Contains("Coffee", item["label"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var parents = item["parents"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()).ToArray();
        Assert.Equal(["09", "0901", "090121"], parents);
    }

    [Theory]
    [InlineData("8714109000", "87141090")]
    [InlineData("8714.10.90.00", "87141090")]
    [InlineData("87141090", "87141090")]
    public async Task A_ten_digit_code_is_looked_up_at_its_national_line_as_assessments_read_it(string code, string expected)
    {
        await using var silo = new SiloFactory(model.Directory);

        var item = await Json.ReadAsync(await silo.ClientWithKey(TestKeys.Officer).GetAsync("/v1/nomenclature/" + code));

        Assert.Equal(expected, item["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_importer_id_that_can_be_written_can_be_read_back_whatever_its_characters()
    {
        // Kestrel itself, not the in-memory test server: what matters is how a real server hands over an escaped '/'.
        using var data = new TempDirectory();
        using var silo = SiloProcess.Start(model.Directory, data.Path);
        await silo.WaitReadyAsync();
        using var hub = silo.Client(TestKeys.Hub);
        using var officer = silo.Client(TestKeys.Officer);

        foreach (var importerId in new[] { "IMP/7 Jakarta", "IMP%2F7", "50% off" })
        {
            await Json.PostOkAsync(hub, "/v1/classify", new { description = "roasted coffee", importerId });

            var stats = await Json.ReadAsync(await officer.GetAsync($"/v1/importers/{Uri.EscapeDataString(importerId)}/stats"));

            Assert.Equal(importerId, stats["importerId"]?.GetValue<string>());
            Assert.Equal(1, stats["declarations"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task Importer_statistics_follow_classified_lines_and_survive_a_restart()
    {
        using var dataDirectory = new TempDirectory();
        var data = dataDirectory.Path;
        await using (var first = new SiloFactory(model.Directory, data))
        {
            var hub = await first.ReadyClientAsync(TestKeys.Hub);
            await Json.PostOkAsync(hub, "/v1/classify", new { description = "roasted coffee", importerId = "IMP-7", declaredCode = "0901.21.11", originCountry = "br", agentId = "AG-1" });
            var batch = await Json.PostOkAsync(hub, "/v1/classify/batch", new
            {
                lines = new object[]
                {
                    new { description = "roasted coffee", importerId = "IMP-7", declaredCode = "09012111", originCountry = "BR" },
                    new { description = "rubber tyres", importerId = "IMP-7", declaredCode = "4011.10", originCountry = "CN", agentId = "AG-1" },
                    new { description = "leather shoes", importerId = "IMP-8" },
                    new { description = "leather shoes" },
                },
            });
            var results = batch["results"]!.AsArray();
            Assert.Equal(3, results[0]!["importer"]!["declarations"]!.GetValue<long>());
            Assert.Equal(1, results[2]!["importer"]!["declarations"]!.GetValue<long>());
            Assert.Null(results[3]!["importer"]);
        }

        await using var restarted = new SiloFactory(model.Directory, data);
        var officer = await restarted.ReadyClientAsync(TestKeys.Officer);
        var stats = await Json.ReadAsync(await officer.GetAsync("/v1/importers/IMP-7/stats"));

        Assert.Equal("IMP-7", stats["importerId"]!.GetValue<string>());
        Assert.Equal(3, stats["declarations"]!.GetValue<long>());
        Assert.NotNull(stats["lastSeen"]);
        Assert.Equal(("09012111", 2L), Pair(stats["topCodes"]![0]!));
        Assert.Equal(("401110", 1L), Pair(stats["topCodes"]![1]!));
        Assert.Equal(("09", 2L), Pair(stats["topChapters"]![0]!));
        Assert.Equal(("BR", 2L), Pair(stats["topOriginCountries"]![0]!));
        Assert.Equal(("AG-1", 2L), Pair(stats["topAgents"]![0]!));
        var unknown = await officer.GetAsync("/v1/importers/NEVER-SEEN/stats");
        await Json.ProblemAsync(unknown, 404);
    }

    [Fact]
    public async Task Importer_history_reranking_lifts_the_importers_usual_code_only_when_weighted()
    {
        using var dataDirectory = new TempDirectory();
        var data = dataDirectory.Path;
        const string description = "coffee";
        string usual;
        await using (var plain = new SiloFactory(model.Directory, data))
        {
            var hub = await plain.ReadyClientAsync(TestKeys.Hub);
            var ranking = await Json.PostOkAsync(hub, "/v1/classify", new { description, top = 10 });
            // A code from another chapter than the model's choice: the history lifts it by its code and its chapter,
            // while the model's choice gets no lift at all.
            var codes = ranking["recommendations"]!.AsArray().Select(r => r!["code"]!.GetValue<string>()).ToArray();
            usual = codes.First(c => c[..2] != codes[0][..2]);
            var history = Enumerable.Range(0, 20).Select(_ => new { description = "coffee", importerId = "LOYAL", declaredCode = usual }).ToArray();
            await Json.PostOkAsync(hub, "/v1/classify/batch", new { lines = history });
            var unweighted = await Json.PostOkAsync(hub, "/v1/classify", new { description, importerId = "LOYAL", top = 5 });
            Assert.NotEqual(usual, unweighted["recommendations"]![0]!["code"]!.GetValue<string>());
        }

        await using var weighted = new SiloFactory(model.Directory, data, new Dictionary<string, string?>
        {
            ["HsActors:Classification:ImporterHistoryWeight"] = "1000",
        });
        var client = await weighted.ReadyClientAsync(TestKeys.Hub);
        var reranked = await Json.PostOkAsync(client, "/v1/classify", new { description, importerId = "LOYAL", top = 5 });
        var stranger = await Json.PostOkAsync(client, "/v1/classify", new { description, importerId = "STRANGER", top = 5 });

        Assert.Equal(usual, reranked["recommendations"]![0]!["code"]!.GetValue<string>());
        Assert.NotEqual(usual, stranger["recommendations"]![0]!["code"]!.GetValue<string>());

        // Lifted to first place by the importer's own history, the usual code is still judged by the model's probability.
        var declaring = await Json.PostOkAsync(client, "/v1/classify", new { description, importerId = "LOYAL", declaredCode = usual, top = 5 });
        var check = declaring["declaredCodeCheck"]!;
        Assert.Equal(usual, declaring["recommendations"]![0]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("top recommendation", check["reason"]!.GetValue<string>());
        var agrees = check["probabilityOfDeclared"]!.GetValue<double>() >= 0.01;
        Assert.Equal(agrees ? "Agrees" : "Disagrees", check["verdict"]!.GetValue<string>());
    }

    private static (string, long) Pair(System.Text.Json.Nodes.JsonNode node) => (node["key"]!.GetValue<string>(), node["count"]!.GetValue<long>());
}
