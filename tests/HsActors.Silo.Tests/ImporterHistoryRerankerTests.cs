using HsActors.Abstractions.Statistics;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.Importers;
using HsActors.Grains.Classification;
using HsActors.Nomenclature;

namespace HsActors.Silo.Tests;

public sealed class ImporterHistoryRerankerTests
{
    private static readonly DateTimeOffset Seen = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    // The importer declared two national lines of 4011.10 and nothing of 4011.20; its chapter is 40 either way.
    private static readonly ImporterStatistics History = new()
    {
        ImporterId = "IMP-T",
        Codes = new Dictionary<string, KeyTally> { ["40111010"] = new(3, Seen), ["40111090"] = new(2, Seen) },
        Chapters = new Dictionary<string, KeyTally> { ["40"] = new(5, Seen) },
    };

    [Fact]
    public void A_subheading_is_lifted_by_the_declarations_of_its_national_lines()
    {
        IReadOnlyList<CodeRecommendation> ranked = [Code("401120", 0.5f), Code("401110", 0.4f)];

        var reranked = new ImporterHistoryReranker(weight: 1.0).Rerank(ranked, new ImporterStatisticsHistory(History), top: 2);

        Assert.Equal(["401110", "401120"], reranked.Select(r => r.Code.Digits));
        Assert.Equal([0.4f, 0.5f], reranked.Select(r => r.Probability));
    }

    [Fact]
    public void A_national_line_is_lifted_by_its_own_declarations()
    {
        IReadOnlyList<CodeRecommendation> ranked = [Code("40112010", 0.5f), Code("40111010", 0.45f)];

        var reranked = new ImporterHistoryReranker(weight: 1.0).Rerank(ranked, new ImporterStatisticsHistory(History), top: 1);

        Assert.Equal(["40111010"], reranked.Select(r => r.Code.Digits));
    }

    private static CodeRecommendation Code(string digits, float probability) => new(HsCode.Parse(digits), probability);
}
