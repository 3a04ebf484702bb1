using HsActors.Classification.Hierarchy;

namespace HsActors.Classification.Tests;

[Collection(ThreeChapterCollection.Name)]
public sealed class HierarchicalRankingTests(ThreeChapterCorpus corpus)
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(5, 2)]
    public void BestFirstExpansionRanksAsExpandingEveryCandidateSubheading(int top, int subheadingsToExpand)
    {
        var options = new HierarchyOptions { ChaptersToExpand = 3, SubheadingsToExpand = subheadingsToExpand };
        var classifier = corpus.Set.ToClassifier(options);
        foreach (var row in corpus.Rows.Where((_, i) => i % 7 == 0))
        {
            var features = classifier.Router.Featurizer.Featurize(classifier.Router.Featurizer.Clean(row.Description));
            var actual = classifier.Rank(features, top, out var chapters);

            // The reference: every candidate subheading of every consulted chapter expanded, then sorted.
            var all = new List<CodeRecommendation>();
            foreach (var chapter in chapters)
            {
                classifier.Chapters.Get(chapter.Chapter)?.Rank(features, chapter.Probability, subheadingsToExpand, all);
            }
            var expected = all.OrderByDescending(r => r.Probability).Take(top).Select(r => r.Probability).ToArray();
            Assert.Equal(expected, actual.Select(r => r.Probability).ToArray());
        }
    }
}
