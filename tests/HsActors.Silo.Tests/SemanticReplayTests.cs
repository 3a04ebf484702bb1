using HsActors.Grains.Retraining;
using HsActors.Grains.Serving;
using Microsoft.Extensions.DependencyInjection;

namespace HsActors.Silo.Tests;

/// <summary>
/// Officers' rows in the semantic index outlive the index they were learned into: a newly loaded version gets them
/// replayed from the assessment stream before it serves, and a silo that never received them learns them from it.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class SemanticReplayTests(SmallModel model, SmallSemanticIndex index) : IClassFixture<SmallSemanticIndex>
{
    private const string Assessed = "Zorblax quantum hover widget, deluxe edition";
    // Another wording (so no override of the officer's matches it): only the index can carry the decision over.
    private const string Similar = "Zorblax quantum hover widget deluxe edition, blue";
    private const string Copy = "semantic-test-2";

    [Fact]
    public async Task Officers_rows_are_replayed_into_a_promoted_index_version_and_into_the_one_rolled_back_to()
    {
        await using var silo = await SemanticSilo.StartAsync(model, index);
        var code = await PostAssessmentAsync(silo, "replay-1");
        // Read from the stream before the new version loads: only the replay can bring it over, not the stream reader.
        var ledger = silo.Factory.Services.GetRequiredService<AssessmentLedger>();
        await Eventually.UntilAsync(() => Task.FromResult(ledger.Count), count => count == 1, "the ledger to read the assessment");
        await silo.Factory.Services.GetRequiredService<SemanticAssessmentLearner>().IdleAsync();
        var stage = silo.Factory.Services.GetRequiredService<SemanticStage>();
        Assert.Equal(index.Rows + 1, stage.IndexRows); // learned on receipt; the stream's copy found it there

        await silo.PublishCopyAsync(SemanticSilo.Key, Copy);
        using (var promoted = await silo.Admin.PostAsync("/v1/admin/models/semantic/promote", Json.Body(new { version = Copy, reason = "replay test" })))
        {
            Assert.True(promoted.IsSuccessStatusCode, await promoted.Content.ReadAsStringAsync());
        }
        await SemanticSilo.ServedAsync(silo, Copy);
        // No waiting once it serves: the rows were in the index before it did.
        Assert.Contains(code, await SemanticSilo.CodesAsync(silo, Similar));
        Assert.Equal(index.Rows + 1, stage.IndexRows);

        using (var rolledBack = await silo.Admin.PostAsync("/v1/admin/models/semantic/rollback", Json.Body(new { reason = "replay test" })))
        {
            Assert.True(rolledBack.IsSuccessStatusCode, await rolledBack.Content.ReadAsStringAsync());
        }
        await SemanticSilo.ServedAsync(silo, SmallSemanticIndex.Version);
        Assert.Contains(code, await SemanticSilo.CodesAsync(silo, Similar));
        Assert.Equal(index.Rows + 1, stage.IndexRows);
    }

    [Fact]
    public async Task A_silo_started_after_the_assessments_were_posted_learns_them_from_the_stream()
    {
        using var data = new TempDirectory();
        string code;
        await using (var first = await SemanticSilo.StartAsync(model, index, data.Path))
        {
            code = await PostAssessmentAsync(first, "restart-1");
        }

        // Same stream and registry, nothing posted to this silo: its index starts from the file's rows only.
        await using var restarted = await SemanticSilo.StartAsync(model, index, data.Path);
        await Eventually.UntilAsync(() => SemanticSilo.CodesAsync(restarted, Similar), codes => codes.Contains(code),
            "the restarted silo to learn the assessment from the stream", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task An_assessment_another_silo_received_reaches_this_silos_serving_index_through_the_stream()
    {
        await using var silo = await SemanticSilo.StartAsync(model, index);
        var before = await SemanticSilo.CodesAsync(silo, Similar);
        var code = Enumerable.Range(0, 40).Select(i => Assessments.LineOf("40", i)).First(c => !before.Contains(c));

        // Straight into the stream, as the silo that received it appends it: this silo's API never sees it.
        await silo.AppendAssessmentsAsync(Assessed, declaredCode: code, assessedCode: code, ids: [1]);

        await Eventually.UntilAsync(() => SemanticSilo.CodesAsync(silo, Similar), codes => codes.Contains(code),
            "the assessment read from the stream to join the index", TimeSpan.FromSeconds(20));
    }

    /// <summary>
    /// An officer assesses <see cref="Assessed"/> as a tyre line the similar line was not ranked near (so only the
    /// index can bring it), and the receiving silo learns it; returns the code.
    /// </summary>
    private static async Task<string> PostAssessmentAsync(LifecycleSilo silo, string id)
    {
        var before = await SemanticSilo.CodesAsync(silo, Similar);
        var code = Enumerable.Range(0, 40).Select(i => Assessments.LineOf("40", i)).First(c => !before.Contains(c));
        using var accepted = await Json.PostAsync(silo.Factory.ClientWithKey(TestKeys.Officer), "/v1/assessments", Assessments.Body(id, Assessed, code));
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        await Eventually.UntilAsync(() => SemanticSilo.CodesAsync(silo, Similar), codes => codes.Contains(code),
            "the receiving silo to learn the assessment", TimeSpan.FromSeconds(20));
        return code;
    }
}
