using HsActors.Abstractions.Statistics;
using HsActors.Classification.Importers;
using HsActors.Grains.Classification;
using HsActors.Nomenclature;

namespace HsActors.Silo.Tests;

public sealed class ImporterHistoryBoostTests
{
    private static readonly DateTimeOffset Seen = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    // The importer declared two national lines of 4011.10 and nothing of 4011.20; its chapter is 40 either way.
    private static readonly ImporterStatistics History = new()
    {
        ImporterId = "IMP-T",
        Codes = new Dictionary<string, KeyTally> { ["40111010"] = new(3, Seen), ["40111090"] = new(2, Seen) },
        Chapters = new Dictionary<string, KeyTally> { ["40"] = new(5, Seen) },
    };

    private static readonly ImporterHistoryBoost Boost = new(weight: 1.0, new ImporterStatisticsHistory(History));

    [Fact]
    public void A_subheading_is_lifted_by_the_declarations_of_its_national_lines()
    {
        // Affinity: the mean of the code's share (5 of 5) and the chapter's (5 of 5).
        Assert.Equal(2f, Boost.Factor(Code("401110")));
        Assert.Equal(1.5f, Boost.Factor(Code("401120"))); // the chapter's share only
    }

    [Fact]
    public void A_national_line_is_lifted_by_its_own_declarations_and_a_stranger_chapter_not_at_all()
    {
        Assert.Equal(1.8f, Boost.Factor(Code("40111010")), 5); // (3 + 0) / 5 for the code, 5 / 5 for the chapter
        Assert.Equal(1.5f, Boost.Factor(Code("40112010")));
        Assert.Equal(1f, Boost.Factor(Code("84713000")));
        Assert.Equal(2f, Boost.MaxFactor);
    }

    private static HsCode Code(string digits) => HsCode.Parse(digits);
}
