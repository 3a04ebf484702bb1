using System.Text.Json.Nodes;
using HsActors.Silo.Tests;

namespace HsActors.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ImporterStatisticsTests(SiloCluster cluster)
{
    [Fact]
    public async Task Declarations_and_assessments_recorded_through_different_silos_add_up_exactly_on_every_silo()
    {
        await cluster.EnsureAllRunningAsync();
        var importer = $"IMP-B-{Guid.NewGuid():N}"[..16];
        var footwear = Assessments.LineOf("64");
        var coffee = Assessments.LineOf("09");

        // Silo i classifies i + 3 lines of the importer: 3 + 4 + 5 declarations.
        var declarations = 0L;
        foreach (var (index, silo) in cluster.Running)
        {
            using var hub = silo.Client(TestKeys.Hub);
            for (var n = 0; n < index + 3; n++, declarations++)
                await Json.PostOkAsync(hub, "/v1/classify", new { description = $"leather shoes with rubber soles, style {n}", importerId = importer });
        }

        // Nine assessments, three through each silo; every third corrects a declared coffee code to footwear.
        var assessments = Enumerable.Range(0, 9)
            .Select(i => Assessments.Body($"{importer}-{i}", "leather shoes", footwear, importer, declaredCode: i % 3 == 0 ? coffee : null))
            .ToList();
        var traffic = new AssessmentTraffic(cluster);
        await traffic.RunAsync(assessments, posters: 3);
        Assert.Equal(9, traffic.AcknowledgedCount);
        Assert.Equal(3, traffic.Acknowledged.GroupBy(a => a.Silo).Count());

        foreach (var (index, silo) in cluster.Running)
        {
            using var officer = silo.Client(TestKeys.Officer);
            var stats = await Assessments.WaitForStatisticsAsync(officer, importer, s => Totals(s) == (declarations, 9, 3));
            Assert.Equal((declarations, 9L, 3L), Totals(stats));
        }
    }

    private static (long Declarations, long Assessments, long Corrections) Totals(JsonNode stats) =>
        (stats["declarations"]!.GetValue<long>(), stats["assessments"]!.GetValue<long>(), stats["corrections"]!.GetValue<long>());
}
