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
        var options = new HierarchyOptions { ChaptersToExpand = 3, SubheadingsToExpand = subheadingsToExpand, AlternativeChapters = 0, AlternativeHeadings = 0, AlternativeSubheadings = 0 };
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

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_boost_orders_as_boosting_every_candidate_would_and_reports_the_models_probabilities(int top)
    {
        var options = new HierarchyOptions { ChaptersToExpand = 3, SubheadingsToExpand = 5, AlternativeChapters = 0, AlternativeHeadings = 0, AlternativeSubheadings = 0 };
        var classifier = corpus.Set.ToClassifier(options);
        var boost = new HashedBoost(maxFactor: 40f);
        foreach (var row in corpus.Rows.Where((_, i) => i % 7 == 0))
        {
            var features = classifier.Router.Featurizer.Featurize(classifier.Router.Featurizer.Clean(row.Description));
            var actual = classifier.Rank(features, top, out var chapters, boost: boost);

            // The reference: every candidate expanded, then ordered by its boosted value; the pruning must lose none.
            var all = new List<CodeRecommendation>();
            foreach (var chapter in chapters)
            {
                classifier.Chapters.Get(chapter.Chapter)?.Rank(features, chapter.Probability, 5, all);
            }
            var expected = all.OrderByDescending(r => r.Probability * boost.Factor(r.Code)).Take(top).ToArray();
            Assert.Equal(expected.Select(r => r.Code), actual.Select(r => r.Code));
            Assert.Equal(expected.Select(r => r.Probability), actual.Select(r => r.Probability));
        }
    }

    /// <summary>A fixed pseudo-random factor per code between 1 and the maximum: lifts codes far down the model's list.</summary>
    private sealed class HashedBoost(float maxFactor) : IRankingBoost
    {
        public float MaxFactor => maxFactor;

        public float Factor(Nomenclature.HsCode code) => 1f + (maxFactor - 1f) * (StableHash(code.Digits) % 1000) / 999f;

        private static uint StableHash(string text)
        {
            var hash = 2166136261u;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }
            return hash;
        }
    }

    [Theory]
    [InlineData(10, 3, 0)]
    [InlineData(10, 3, 4)]
    [InlineData(6, 3, 6)]
    [InlineData(4, 3, 2)]
    [InlineData(10, 0, 4)]
    public void AlternativesShowEveryTopChapterAndKeepTheMostProbableHead(int top, int alternativeChapters, int alternativeHeadings)
    {
        var pure = corpus.Set.ToClassifier(new HierarchyOptions { ChaptersToExpand = 3, AlternativeChapters = 0, AlternativeHeadings = 0, AlternativeSubheadings = 0 });
        var diverse = corpus.Set.ToClassifier(new HierarchyOptions
        {
            ChaptersToExpand = 3, AlternativeChapters = alternativeChapters, AlternativeHeadings = alternativeHeadings, AlternativeSubheadings = alternativeHeadings,
        });
        var budget = top / 2;
        var changed = 0;
        foreach (var row in corpus.Rows.Where((_, i) => i % 5 == 0))
        {
            var features = pure.Router.Featurizer.Featurize(pure.Router.Featurizer.Clean(row.Description));
            var reference = pure.Rank(features, top, out var chapters);
            var actual = diverse.Rank(features, top, out _);

            Assert.True(actual.Count <= top);
            Assert.Equal(actual.Count, actual.Select(r => r.Code).Distinct().Count());
            Assert.Equal(actual.OrderByDescending(r => r.Probability).Select(r => r.Code), actual.Select(r => r.Code));
            // The most probable codes keep their places: at most half of the list is given up.
            var kept = reference.Take(top - budget).ToArray();
            Assert.Equal(kept, actual.Take(kept.Length));
            // Every alternative chapter with a candidate is shown (the three chapters all have models).
            foreach (var chapter in chapters.Take(Math.Min(alternativeChapters, budget)))
            {
                Assert.Contains(actual, r => r.Code.Chapter == chapter.Chapter);
            }
            if (!actual.SequenceEqual(reference))
            {
                changed++;
            }
        }
        // Not a vacuous pass: with three chapters and ten codes the pure ranking often stays in one chapter.
        if (alternativeChapters > 0 && top >= 6)
        {
            Assert.True(changed > 0, "alternatives never changed a ranking");
        }
    }

    [Fact]
    public void A_subheading_ranking_gives_each_subheading_the_sum_of_its_lines()
    {
        var options = new HierarchyOptions { ChaptersToExpand = 3, AlternativeChapters = 0, AlternativeHeadings = 0, AlternativeSubheadings = 0 };
        var classifier = corpus.Set.ToClassifier(options);
        foreach (var row in corpus.Rows.Where((_, i) => i % 13 == 0))
        {
            var features = classifier.Router.Featurizer.Featurize(classifier.Router.Featurizer.Clean(row.Description));
            var subheadings = classifier.Rank(features, 5, out var chapters, HierarchicalClassifier.SubheadingLevel);

            var lines = new List<CodeRecommendation>();
            foreach (var chapter in chapters)
            {
                classifier.Chapters.Get(chapter.Chapter)?.Rank(features, chapter.Probability, lines);
            }
            var expected = lines.GroupBy(l => l.Code.Truncate(6))
                .Select(g => (Code: g.Key, Probability: g.Sum(l => l.Probability)))
                .OrderByDescending(g => g.Probability)
                .Take(5)
                .ToArray();
            Assert.Equal(expected.Select(e => e.Code), subheadings.Select(s => s.Code));
            Assert.All(expected.Zip(subheadings), pair => Assert.Equal(pair.First.Probability, pair.Second.Probability, 4));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => classifier.Classify("coffee", 5, level: 4));
    }

    [Fact]
    public void A_chapter_temperature_softens_the_consulted_chapters_and_keeps_their_order_and_total()
    {
        var sharp = corpus.Set.ToClassifier(new HierarchyOptions { ChaptersToExpand = 3 });
        var soft = corpus.Set.ToClassifier(new HierarchyOptions { ChaptersToExpand = 3, ChapterTemperature = 2f });
        var softened = 0;
        foreach (var row in corpus.Rows.Where((_, i) => i % 13 == 0))
        {
            var features = sharp.Router.Featurizer.Featurize(sharp.Router.Featurizer.Clean(row.Description));
            sharp.Rank(features, 5, out var before);
            soft.Rank(features, 5, out var after);

            Assert.Equal(before.Select(c => c.Chapter), after.Select(c => c.Chapter));
            Assert.Equal(before.Sum(c => c.Probability), after.Sum(c => c.Probability), tolerance: 1e-5);
            // p^(1/2), scaled back to the same total: the ratio of two chapters becomes its square root.
            Assert.Equal(MathF.Sqrt(before[0].Probability / before[1].Probability), after[0].Probability / after[1].Probability, tolerance: 1e-2f * after[0].Probability / after[1].Probability);
            softened += after[0].Probability < before[0].Probability - 1e-6f ? 1 : 0;
        }
        Assert.True(softened > 0);
    }

    [Fact]
    public void Chapter_models_reweigh_the_consulted_chapters_by_their_fit_and_keep_the_routers_share()
    {
        var routerOnly = corpus.Set.ToClassifier(new HierarchyOptions { ChaptersToExpand = 2, ChapterFitSlope = 0 });
        var options = new HierarchyOptions { ChaptersToExpand = 2, ChapterFitSlope = 5 };
        var weighed = corpus.Set.ToClassifier(options);
        var moved = 0;
        // Descriptions that mix two chapters' goods, so that the router is torn and the chapter models have a say.
        var coffee = corpus.Rows.Where(r => r.Code.Chapter.Digits == "09").Where((_, i) => i % 9 == 0).Take(40);
        var rubber = corpus.Rows.Where(r => r.Code.Chapter.Digits == "40").Where((_, i) => i % 7 == 0).Take(40);
        foreach (var description in coffee.Zip(rubber, (a, b) => a.Description + " " + b.Description))
        {
            var features = weighed.Router.Featurizer.Featurize(weighed.Router.Featurizer.Clean(description));
            routerOnly.Rank(features, 5, out var byRouter);
            weighed.Rank(features, 5, out var byFit);

            var router = new float[weighed.Router.Chapters.Count];
            weighed.Router.ChapterProbabilities(features, router);
            var routerTop = weighed.Router.Chapters.Select((chapter, i) => (chapter, p: router[i])).OrderByDescending(c => c.p).Take(2).ToArray();
            Assert.Equal(routerTop.Select(c => c.chapter), byRouter.Select(c => c.Chapter));
            Assert.Equal(routerTop.Select(c => c.p), byRouter.Select(c => c.Probability));

            Assert.Equal(byRouter.Sum(c => c.Probability), byFit.Sum(c => c.Probability), tolerance: 1e-5);
            Assert.Equal(byFit.OrderByDescending(c => c.Probability), byFit);
            // Each chapter's probability moved by its own fit, up to one common factor.
            var factors = byFit.Select(c =>
            {
                var p = routerTop.Single(r => r.chapter == c.Chapter).p;
                weighed.Chapters.Get(c.Chapter)!.BestSubheadings(features, 1f, new int[1], new float[1], out var margin);
                return c.Probability / (p * options.ChapterFit(margin));
            }).ToArray();
            Assert.All(factors, f => Assert.Equal(factors[0], f, tolerance: factors[0] * 1e-4));
            if (byFit.Any(c => Math.Abs(c.Probability / routerTop.Single(r => r.chapter == c.Chapter).p - 1) > 0.01))
            {
                moved++;
            }
        }
        Assert.True(moved > 0, "the chapter models never moved the router's probabilities");
    }
}
