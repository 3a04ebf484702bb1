using System.Net;
using System.Text.Json.Nodes;

namespace HsActors.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class AssessmentEndpointTests(SmallModel model) : IAsyncLifetime
{
    // The test's own directory, not the factory's: one test restarts a second silo over it.
    private readonly TempDirectory _data = new();
    private SiloFactory _silo = null!;
    private HttpClient _officer = null!;

    public async Task InitializeAsync()
    {
        _silo = new SiloFactory(model.Directory, _data.Path);
        _officer = await _silo.ReadyClientAsync(TestKeys.Officer);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task An_assessment_is_acknowledged_with_202_and_its_offset_and_a_retry_with_200_and_the_same_offset()
    {
        var body = Assessments.Body("A-ack-1", "roasted coffee beans", Coffee, declaredCode: "0901.11");

        var first = await _officer.PostAsync("/v1/assessments", Json.Body(body));
        var retry = await _officer.PostAsync("/v1/assessments", Json.Body(body));
        var second = await _officer.PostAsync("/v1/assessments", Json.Body(Assessments.Body("A-ack-2", "natural rubber", Assessments.LineOf("40"))));

        Assert.Equal(202, (int)first.StatusCode);
        var accepted = await Json.ReadAsync(first);
        Assert.Equal("A-ack-1", accepted["assessmentId"]!.GetValue<string>());
        Assert.False(accepted["duplicate"]!.GetValue<bool>());
        Assert.Equal(200, (int)retry.StatusCode);
        var repeated = await Json.ReadAsync(retry);
        Assert.True(repeated["duplicate"]!.GetValue<bool>());
        Assert.Equal(accepted["offset"]!.GetValue<long>(), repeated["offset"]!.GetValue<long>());
        Assert.Equal(accepted["offset"]!.GetValue<long>() + 1, (await Json.ReadAsync(second))["offset"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_known_assessment_id_with_different_content_is_a_409_naming_the_first_offset_and_stores_nothing()
    {
        var first = await Json.ReadAsync(await _officer.PostAsync("/v1/assessments", Json.Body(Assessments.Body("R-1", "roasted coffee", Coffee))));
        var reused = await _officer.PostAsync("/v1/assessments", Json.Body(Assessments.Body("R-1", "roasted coffee", Assessments.LineOf("09", skip: 3))));
        var batch = await _officer.PostAsync("/v1/assessments/batch", Json.Body(new
        {
            assessments = new[] { Assessments.Body("R-2", "rubber gloves", Assessments.LineOf("40")), Assessments.Body("R-1", "green tea", Coffee) },
        }));
        var retry = await _officer.PostAsync("/v1/assessments", Json.Body(Assessments.Body("R-1", "roasted coffee", Coffee)));

        var problem = await Json.ProblemAsync(reused, 409);
        var offset = first["offset"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(offset, problem["errors"]!["assessmentId"]![0]!.GetValue<string>());
        Assert.True((await Json.ProblemAsync(batch, 409))["errors"]!.AsObject().ContainsKey("assessments[1].assessmentId"));
        Assert.Equal(200, (int)retry.StatusCode); // the exact retry is still a duplicate
        Assert.Equal(first["offset"]!.GetValue<long>(), (await Json.ReadAsync(retry))["offset"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_batch_is_acknowledged_in_order_and_retried_members_are_duplicates()
    {
        await Json.PostOkAsync(_officer, "/v1/assessments", Assessments.Body("B-1", "roasted coffee", Coffee));

        var response = await _officer.PostAsync("/v1/assessments/batch", Json.Body(new
        {
            assessments = new[] { Assessments.Body("B-1", "roasted coffee", Coffee), Assessments.Body("B-2", "rubber gloves", Assessments.LineOf("40")) },
        }));

        Assert.Equal(202, (int)response.StatusCode);
        var results = (await Json.ReadAsync(response))["results"]!.AsArray();
        Assert.Equal(["B-1", "B-2"], results.Select(r => r!["assessmentId"]!.GetValue<string>()));
        Assert.Equal([true, false], results.Select(r => r!["duplicate"]!.GetValue<bool>()));
    }

    public static TheoryData<string, string> BadFields => new()
    {
        { """{"assessmentId":"X-1","description":"coffee","assessedCode":"7701.00.00","officerId":"O","assessedAt":"2025-01-06T09:00:00Z"}""", "assessedCode" },
        { """{"assessmentId":"X-1","description":"coffee","assessedCode":"0901","officerId":"O","assessedAt":"2025-01-06T09:00:00Z"}""", "assessedCode" },
        { """{"assessmentId":"X-1","description":"coffee","assessedCode":"coffee","officerId":"O","assessedAt":"2025-01-06T09:00:00Z"}""", "assessedCode" },
        { """{"assessmentId":"X-1","description":"coffee","officerId":"O","assessedAt":"2025-01-06T09:00:00Z"}""", "assessedCode" },
        { """{"assessmentId":"X-1","description":"   ","assessedCode":"{coffee}","officerId":"O","assessedAt":"2025-01-06T09:00:00Z"}""", "description" },
        { """{"assessmentId":"X-1","description":"coffee","assessedCode":"{coffee}","officerId":"O","assessedAt":"last tuesday"}""", "assessedAt" },
        { """{"assessmentId":"X-1","description":"coffee","assessedCode":"{coffee}","officerId":"O"}""", "assessedAt" },
        { """{"assessmentId":"X-1","description":"coffee","assessedCode":"{coffee}","officerId":"O","assessedAt":"2025-01-31"}""", "assessedAt" },
        { """{"assessmentId":"X-1","description":"coffee","assessedCode":"{coffee}","officerId":"O","assessedAt":"2025-01-31T09:30:00"}""", "assessedAt" },
        { """{"assessmentId":"X-1","description":"coffee","assessedCode":"{coffee}","officerId":"O","assessedAt":20250131}""", "assessedAt" },
        { """{"assessmentId":"X-1","description":"coffee","assessedCode":"{coffee}","officerId":"O","assessedAt":"2999-01-01T00:00:00Z"}""", "assessedAt" },
        { """{"description":"coffee","assessedCode":"{coffee}","officerId":"O","assessedAt":"2025-01-06T09:00:00Z"}""", "assessmentId" },
        { """{"assessmentId":"X-1\u202E\uD83D\uDE00","description":"coffee","assessedCode":"{coffee}","officerId":"O","assessedAt":"2025-01-06T09:00:00Z"}""", "assessmentId" },
        { """{"assessmentId":"X-1","description":"coffee","assessedCode":"{coffee}","officerId":"O\u200D","assessedAt":"2025-01-06T09:00:00Z"}""", "officerId" },
        { """{"assessmentId":"X-1","description":"coffee","assessedCode":"{coffee}","officerId":"O","importerId":"IMP\u2028","assessedAt":"2025-01-06T09:00:00Z"}""", "importerId" },
        { """{"assessmentId":"X-1","description":"coffee","assessedCode":"{coffee}","assessedAt":"2025-01-06T09:00:00Z"}""", "officerId" },
        { """{"assessmentId":"X-1","description":"coffee","assessedCode":"{coffee}","declaredCode":"12.3","officerId":"O","assessedAt":"2025-01-06T09:00:00Z"}""", "declaredCode" },
        { """{"assessmentId":"X-1","description":"coffee","assessedCode":"{coffee}","originCountry":"Brazil","officerId":"O","assessedAt":"2025-01-06T09:00:00Z"}""", "originCountry" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Bad_input_is_a_400_problem_naming_the_field_and_records_nothing(string body, string field)
    {
        var response = await _officer.PostAsync("/v1/assessments", Json.Body(body.Replace("{coffee}", Coffee, StringComparison.Ordinal)));

        var problem = await Json.ProblemAsync(response, 400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        var accepted = await Json.PostOkAsync(_officer, "/v1/assessments", Assessments.Body("X-1", "coffee", Coffee));
        Assert.False(accepted["duplicate"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_oversized_description_and_a_bad_batch_member_are_named()
    {
        var huge = await _officer.PostAsync("/v1/assessments", Json.Body(Assessments.Body("X-2", new string('a', 2_001), Coffee)));
        var batch = await _officer.PostAsync("/v1/assessments/batch", Json.Body(new
        {
            assessments = new[] { Assessments.Body("X-3", "coffee", Coffee), Assessments.Body("X-4", "coffee", "0000") },
        }));

        Assert.True((await Json.ProblemAsync(huge, 400))["errors"]!.AsObject().ContainsKey("description"));
        Assert.True((await Json.ProblemAsync(batch, 400))["errors"]!.AsObject().ContainsKey("assessments[1].assessedCode"));
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData(TestKeys.Hub, 403)]
    [InlineData(TestKeys.Officer, 202)]
    [InlineData(TestKeys.Admin, 202)]
    public async Task Only_officers_and_administrators_may_submit(string? key, int status)
    {
        var response = await _silo.ClientWithKey(key).PostAsync("/v1/assessments",
            Json.Body(Assessments.Body("R-" + (key ?? "none"), "coffee", Coffee)));

        if (status >= 400)
        {
            await Json.ProblemAsync(response, status);
        }
        else
        {
            Assert.Equal(status, (int)response.StatusCode);
        }
    }

    [Fact]
    public async Task The_next_identical_line_gets_the_officers_code_marked_as_such()
    {
        var hub = _silo.ClientWithKey(TestKeys.Hub);
        var before = await Json.PostOkAsync(hub, "/v1/classify", new { description = "Roasted coffee, not decaffeinated" });
        var officersCode = Assessments.LineOf("40"); // deliberately far from what the model says
        Assert.NotEqual(officersCode, Top(before)["code"]!.GetValue<string>());

        await Json.PostOkAsync(_officer, "/v1/assessments", Assessments.Body("O-1", "Roasted coffee, not decaffeinated", officersCode, declaredCode: "0901.21"));
        var after = await Json.PostOkAsync(hub, "/v1/classify", new { description = "ROASTED COFFEE not decaffeinated!!", declaredCode = "0901.21", top = 3 });
        var other = await Json.PostOkAsync(hub, "/v1/classify", new { description = "green coffee beans" });

        var top = Top(after);
        Assert.Equal(officersCode, top["code"]!.GetValue<string>());
        Assert.Equal(1.0, top["probability"]!.GetValue<double>());
        Assert.Equal("officer-override", top["source"]!.GetValue<string>());
        Assert.Equal("O-1", top["assessmentId"]!.GetValue<string>());
        Assert.True(after["fromOfficerAssessment"]!.GetValue<bool>());
        Assert.Equal(3, after["recommendations"]!.AsArray().Count);
        Assert.Null(after["recommendations"]![1]!["source"]);
        Assert.Equal("Disagrees", after["declaredCodeCheck"]!["verdict"]!.GetValue<string>());
        Assert.Null(Top(other)["source"]);
        Assert.False(other["fromOfficerAssessment"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_importers_assessment_overrides_only_that_importers_lines()
    {
        var hub = _silo.ClientWithKey(TestKeys.Hub);
        var officersCode = Assessments.LineOf("64");
        await Json.PostOkAsync(_officer, "/v1/assessments", Assessments.Body("O-2", "arabica coffee roasted", officersCode, importerId: "IMP-OWN"));

        var own = await Json.PostOkAsync(hub, "/v1/classify", new { description = "Arabica coffee, roasted", importerId = "IMP-OWN" });
        var stranger = await Json.PostOkAsync(hub, "/v1/classify", new { description = "Arabica coffee, roasted", importerId = "IMP-OTHER" });
        var anonymous = await Json.PostOkAsync(hub, "/v1/classify", new { description = "Arabica coffee, roasted" });

        Assert.Equal(officersCode, Top(own)["code"]!.GetValue<string>());
        Assert.NotEqual(officersCode, Top(stranger)["code"]!.GetValue<string>());
        Assert.NotEqual(officersCode, Top(anonymous)["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Importer_statistics_count_each_assessment_once_even_when_the_stream_is_replayed_from_the_start()
    {
        var coffee = Coffee;
        var refinedDeclaration = coffee[..6];
        var otherCoffee = Assessments.LineOf("09", skip: 1);
        var rubber = Assessments.LineOf("40");
        await Json.PostOkAsync(_officer, "/v1/assessments", Assessments.Body("S-1", "roasted coffee", coffee, "IMP-S", declaredCode: otherCoffee));
        await Json.PostOkAsync(_officer, "/v1/assessments", Assessments.Body("S-1", "roasted coffee", coffee, "IMP-S", declaredCode: otherCoffee));
        await Json.PostOkAsync(_officer, "/v1/assessments", Assessments.Body("S-2", "roasted coffee", coffee, "IMP-S", declaredCode: refinedDeclaration));
        await Json.PostOkAsync(_officer, "/v1/assessments", Assessments.Body("S-3", "rubber", rubber, "IMP-S", declaredCode: coffee));

        var stats = await Assessments.WaitForStatisticsAsync(_officer, "IMP-S", s => s["assessments"]!.GetValue<long>() >= 3);
        Assert.Equal(3, stats["assessments"]!.GetValue<long>());
        Assert.Equal(2, stats["corrections"]!.GetValue<long>()); // S-2 only refines the declared subheading
        Assert.Equal(coffee, stats["topCodes"]![0]!["key"]!.GetValue<string>());
        Assert.Equal(2, stats["topCodes"]![0]!["count"]!.GetValue<long>());
        await _silo.DisposeAsync();

        // Forget every consumer position: the restarted silo reads the whole stream again, as after a crash right
        // after the deltas were written and before the offset was.
        Directory.Delete(Path.Combine(_silo.DataDirectory, "assessments", "offsets"), recursive: true);
        await using var restarted = new SiloFactory(model.Directory, _silo.DataDirectory);
        var officer = await restarted.ReadyClientAsync(TestKeys.Officer);
        await Json.PostOkAsync(officer, "/v1/assessments", Assessments.Body("S-4", "rubber", rubber, "IMP-S"));

        // The consumer works in stream order: once S-4 is counted, every replayed entry before it has been seen.
        var replayed = await Assessments.WaitForStatisticsAsync(officer, "IMP-S", s => s["assessments"]!.GetValue<long>() >= 4);
        Assert.Equal(4, replayed["assessments"]!.GetValue<long>());
        Assert.Equal(2, replayed["corrections"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_officers_key_submits_under_its_own_officer_id_only_and_an_administrator_may_submit_for_another_which_is_audited()
    {
        var admin = _silo.ClientWithKey(TestKeys.Admin);
        var foreign = Assessments.Body("OWN-1", "roasted coffee beans", Coffee);
        foreign["officerId"] = "OFF-OTHER";
        var batch = new { assessments = new[] { Assessments.Body("OWN-2", "rubber", Assessments.LineOf("40")), foreign } };

        var single = await Json.ProblemAsync(await _officer.PostAsync("/v1/assessments", Json.Body(foreign)), 403);
        var inBatch = await Json.ProblemAsync(await _officer.PostAsync("/v1/assessments/batch", Json.Body(batch)), 403);
        var byAdmin = await admin.PostAsync("/v1/assessments", Json.Body(foreign));

        Assert.Contains("OFF-OTHER", single["errors"]!["officerId"]![0]!.GetValue<string>());
        Assert.NotNull(inBatch["errors"]!["assessments[1].officerId"]);
        Assert.Null(inBatch["errors"]!["assessments[0].officerId"]);
        Assert.Equal(HttpStatusCode.Accepted, byAdmin.StatusCode);
        var audited = Assert.Single((await Json.ReadAsync(await admin.GetAsync("/v1/audit?kind=Assessment&subject=OWN-1")))["entries"]!.AsArray())!;
        Assert.Equal("OFF-OTHER", audited["actor"]!.GetValue<string>());
        Assert.Equal("test-admin", audited["details"]!["apiKey"]!.GetValue<string>());
        // Nothing of the refused batch was stored.
        Assert.Empty((await Json.ReadAsync(await admin.GetAsync("/v1/audit?kind=Assessment&subject=OWN-2")))["entries"]!.AsArray());
    }

    [Fact]
    public async Task Administrators_find_classifications_and_assessments_in_the_audit_trail()
    {
        var hub = _silo.ClientWithKey(TestKeys.Hub);
        var admin = _silo.ClientWithKey(TestKeys.Admin);
        var answer = await Json.PostOkAsync(hub, "/v1/classify", new { description = "leather boots", id = "LINE-AUDIT-1" });
        await Json.PostOkAsync(_officer, "/v1/assessments", Assessments.Body("AUD-1", "leather boots", Assessments.LineOf("64")));

        var classification = await Json.ReadAsync(await admin.GetAsync("/v1/audit?kind=classification&subject=LINE-AUDIT-1"));
        var assessment = await Json.ReadAsync(await admin.GetAsync("/v1/audit?kind=Assessment&subject=AUD-1&from=2000-01-01&limit=10"));
        var forbidden = await _officer.GetAsync("/v1/audit");

        var line = Assert.Single(classification["entries"]!.AsArray())!;
        Assert.Equal("test-hub", line["actor"]!.GetValue<string>());
        var versions = line["details"]!["modelVersions"]!.AsObject();
        foreach (var (model, version) in answer["modelVersions"]!.AsObject())
        {
            Assert.Equal(version!.GetValue<string>(), versions[model]!.GetValue<string>());
        }
        Assert.Equal(Top(answer)["code"]!.GetValue<string>(), line["details"]!["codes"]![0]!["code"]!.GetValue<string>());
        var accepted = Assert.Single(assessment["entries"]!.AsArray())!;
        Assert.Equal(TestKeys.OfficerName, accepted["actor"]!.GetValue<string>());
        Assert.Equal(Assessments.LineOf("64"), accepted["details"]!["assessedCode"]!.GetValue<string>());
        await Json.ProblemAsync(forbidden, 403);
    }

    [Theory]
    [InlineData("kind=bogus", "kind")]
    [InlineData("kind=7", "kind")]
    [InlineData("kind=assessment,modelPointer", "kind")]
    [InlineData("kind=assessment,classification", "kind")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2025-02-01&to=2025-01-01", "to")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=5000", "limit")]
    [InlineData("subject=a&subject=b", "subject")]
    public async Task Bad_audit_parameters_are_400_problems_naming_the_parameter(string query, string field)
    {
        var response = await _silo.ClientWithKey(TestKeys.Admin).GetAsync("/v1/audit?" + query);

        var problem = await Json.ProblemAsync(response, 400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [Theory]
    [InlineData("to=9999-12-31")]
    [InlineData("to=9999-12-31T23:59:59Z")]
    [InlineData("from=0001-01-01&to=9999-12-31")]
    public async Task The_audit_trail_answers_up_to_the_last_representable_day(string query)
    {
        var response = await _silo.ClientWithKey(TestKeys.Admin).GetAsync("/v1/audit?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await Json.ReadAsync(response))["entries"]);
    }

    private static string Coffee => Assessments.LineOf("09");

    private static JsonNode Top(JsonNode answer) => answer["recommendations"]![0]!;
}
