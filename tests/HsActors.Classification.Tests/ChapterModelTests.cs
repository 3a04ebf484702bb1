using HsActors.Classification.Hierarchy;
using HsActors.Nomenclature;

namespace HsActors.Classification.Tests;

[Collection(ThreeChapterCollection.Name)]
public sealed class ChapterModelTests(ThreeChapterCorpus corpus)
{
    [Fact]
    public void EveryNationalLineOfTheNomenclatureIsAClassOfItsChapter()
    {
        foreach (var chapter in corpus.Set.Chapters)
        {
            var expected = HsNomenclature.Bundled.AtLevel(8).Select(n => n.Code).Where(c => c.Chapter == chapter.Chapter).Order().ToArray();
            Assert.Equal(expected, chapter.NationalLines.Order().ToArray());
        }
    }

    [Fact]
    public void LineModelsCoverOnlyTheirOwnSubheadingsFeatures()
    {
        var chapter = Chapter("64");
        var withModels = chapter.Lines.Where(l => l.Model is not null).ToArray();
        Assert.NotEmpty(withModels);
        Assert.All(withModels, l => Assert.True(l.Features.Count < chapter.Features.Count, $"{l.Subheading} uses {l.Features.Count} of {chapter.Features.Count} features"));
    }

    [Fact]
    public void FullRankingIsADistributionOverTheChaptersCodes()
    {
        var features = Features("rubber tyres for motor cars");
        var chapter = Chapter("40");
        var ranked = new List<CodeRecommendation>();
        chapter.Rank(features, 1f, ranked);
        Assert.Equal(chapter.Lines.Sum(l => Math.Max(l.Lines.Count, 1)), ranked.Count);
        Assert.Equal(1.0, ranked.Sum(r => r.Probability), 3);
    }

    [Fact]
    public void ExpandingFewSubheadingsKeepsTheBestCodes()
    {
        var features = Features("new pneumatic tyres of rubber for buses");
        var chapter = Chapter("40");
        var all = new List<CodeRecommendation>();
        chapter.Rank(features, 1f, all);
        var few = new List<CodeRecommendation>();
        chapter.Rank(features, 1f, 2, few);
        Assert.True(few.Count < all.Count);
        var best = all.OrderByDescending(r => r.Probability).First();
        Assert.Contains(best, few);
        Assert.Equal(2, few.Select(r => r.Code.Truncate(6)).Distinct().Count());
    }

    [Fact]
    public void ClassifiesPlainGoodsIntoTheirHeading()
    {
        var classifier = corpus.Set.ToClassifier(new HierarchyOptions());
        Assert.Equal("0901", classifier.Classify("roasted coffee beans", 3).Recommendations[0].Code.Truncate(4).Digits);
        Assert.Equal("4015", classifier.Classify("surgical gloves of vulcanised rubber", 3).Recommendations[0].Code.Truncate(4).Digits);
    }

    [Fact]
    public void NationalLineTemperatureIsBorrowedWhenNoGoodsDescriptionCarriesEightDigits()
    {
        // The bundled corpus knows its national lines only from nomenclature labels (HMRC codes are cut to 6 digits).
        Assert.Equal(corpus.Set.Summary.SubheadingTemperature, corpus.Set.Summary.NationalLineTemperature);
        Assert.InRange(corpus.Set.Summary.NationalLineTemperature, 0.01, 10);
    }

    private ChapterModel Chapter(string digits) => corpus.Set.Chapters.Single(c => c.Chapter.Digits == digits);

    private Learning.SparseVector Features(string description) =>
        corpus.Set.Router.Featurizer.Featurize(corpus.Set.Router.Featurizer.Clean(description));
}
