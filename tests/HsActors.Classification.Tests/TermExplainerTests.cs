using HsActors.Classification.Explanations;
using HsActors.Classification.Hierarchy;

namespace HsActors.Classification.Tests;

[Collection(ThreeChapterCollection.Name)]
public sealed class TermExplainerTests(ThreeChapterCorpus corpus)
{
    [Fact]
    public void Explanations_are_the_strongest_term_contributions_of_the_re_tokenised_description()
    {
        var classifier = corpus.Set.ToClassifier(new HierarchyOptions());
        var featurizer = classifier.Router.Featurizer;
        var explained = 0;
        foreach (var row in corpus.Rows.Where((_, i) => i % 11 == 0))
        {
            var cleaned = featurizer.Clean(row.Description);
            var features = featurizer.Featurize(cleaned);
            var terms = DescriptionTerms.Of(featurizer.Vectorizer, cleaned, features);
            foreach (var code in classifier.Rank(features, 3, out _))
            {
                var chapter = classifier.Chapters.Get(code.Code.Chapter)!;
                var actual = TermExplainer.Explain(terms, chapter, code.Code, 3);

                // The reference walks the description's n-grams as the vectorizer shows them, each with its tf-idf value.
                var all = featurizer.Vectorizer.Terms(cleaned)
                    .ToDictionary(t => t.Term, t => Value(features, t.Feature) * Weight(chapter, code.Code, t.Feature));
                var expected = all.Values.Where(w => w > 0f).OrderDescending().Take(3);
                Assert.Equal(expected, actual.Select(a => a.Weight));
                // n-grams that always occur together (the char n-grams of a rare word) tie; any of them may be shown.
                Assert.All(actual, a => Assert.Equal(all[a.Term], a.Weight));
                explained += actual.Count;
            }
        }
        Assert.True(explained > 100, $"only {explained} terms explained");
    }

    private static float Value(in Learning.SparseVector features, int feature) =>
        features.Values![Array.BinarySearch(features.Indices!, feature)];

    private static float Weight(ChapterModel chapter, Nomenclature.HsCode code, int feature)
    {
        var subheading = chapter.Subheadings.ToList().IndexOf(code.Truncate(6));
        var weight = 0f;
        var local = chapter.Features.GlobalIds.BinarySearch(feature);
        if (local >= 0 && chapter.SubheadingModel is { } model)
        {
            weight += model.WeightRow(local)[subheading];
        }
        var lines = chapter.Lines[subheading];
        if (code.Level >= 8 && lines.Model is { } lineModel && lines.IndexOf(code) is var line and >= 0
            && lines.Features.GlobalIds.BinarySearch(feature) is var lineLocal and >= 0)
        {
            weight += lineModel.WeightRow(lineLocal)[line];
        }
        return weight;
    }
}
