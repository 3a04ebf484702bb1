using HsActors.Classification.Hierarchy;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Classification.Semantic.Index;
using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Tests;

public sealed class FusionTests
{
    private static readonly ClassificationResult Hierarchy = new("x",
        [new(HsCode.Parse("392690"), 0.4f), new(HsCode.Parse("711719"), 0.2f), new(HsCode.Parse("830629"), 0.1f)],
        [new(HsCode.Parse("39"), 0.45f), new(HsCode.Parse("71"), 0.25f), new(HsCode.Parse("83"), 0.15f)]);

    [Fact]
    public void VotesAreADistributionAtEachLevelTheirCodesReach()
    {
        var votes = new NeighbourVotes([new(HsCode.Parse("71171900"), 0.8f), new(HsCode.Parse("7117"), 0.7f), new(HsCode.Parse("392690"), 0.5f)], 0.05f);
        Assert.Equal(1f, votes.Mass(HsCode.Parse("71")) + votes.Mass(HsCode.Parse("39")), 4);
        Assert.True(votes.Mass(HsCode.Parse("7117")) > votes.Mass(HsCode.Parse("711719")));
        Assert.True(votes.Mass(HsCode.Parse("711719")) > votes.Mass(HsCode.Parse("392690")));
    }

    [Fact]
    public void AgreeingVotesLiftTheHierarchysSecondCodeAndWeightZeroKeepsItsOrder()
    {
        var votes = new NeighbourVotes([new(HsCode.Parse("71171900"), 0.8f), new(HsCode.Parse("711719"), 0.78f)], 0.05f);
        var fused = RankFusion.Fuse(Hierarchy, votes, new FusionOptions { SemanticWeight = 0.5f }, 3, 6);
        Assert.Equal("711719", fused[0].Code.Digits);
        Assert.True(fused.Sum(f => f.Probability) <= 1.0001f);

        var unchanged = RankFusion.Fuse(Hierarchy, votes, new FusionOptions { SemanticWeight = 0f }, 3, 6);
        Assert.Equal(["392690", "711719", "830629"], unchanged.Select(f => f.Code.Digits));
        Assert.Equal(0.4f, unchanged[0].Probability, 5);
    }

    [Fact]
    public void AVotedCodeTheHierarchyMissedBecomesACandidate()
    {
        var votes = new NeighbourVotes([new(HsCode.Parse("950300"), 0.9f)], 0.05f);
        var fused = RankFusion.Fuse(Hierarchy, votes, new FusionOptions { SemanticWeight = 0.7f }, 5, 6);
        Assert.Contains(fused, f => f.Code.Digits == "950300");
    }

    [Fact]
    public void TheCascadeReadsTheFirstSubheadingsProbabilityAtEitherLevel()
    {
        var options = new FusionOptions { CascadeThreshold = 0.4f };
        ClassificationResult Ranking(params (string Code, float P)[] codes) =>
            new("x", [.. codes.Select(c => new CodeRecommendation(HsCode.Parse(c.Code), c.P))], []);

        var split = Ranking(("39269099", 0.25f), ("71171900", 0.2f), ("39269010", 0.2f));
        Assert.Equal(0.45f, FusionOptions.SubheadingConfidence(split), 5);
        Assert.False(options.SendsToEncoder(split, ClassificationMode.Cascade));

        var unsure = Ranking(("39269099", 0.25f), ("71171900", 0.2f), ("83062900", 0.1f));
        Assert.True(options.SendsToEncoder(unsure, ClassificationMode.Cascade));
        Assert.True(options.SendsToEncoder(split, ClassificationMode.Full));
        Assert.False(options.SendsToEncoder(unsure, ClassificationMode.Fast));

        Assert.False(options.SendsToEncoder(Hierarchy, ClassificationMode.Cascade));
        Assert.True(options.SendsToEncoder(Ranking(), ClassificationMode.Cascade));
    }
}
