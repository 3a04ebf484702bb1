using HsActors.Classification.Training;
using HsActors.Corpus;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Tests;

[Collection(ThreeChapterCollection.Name)]
public sealed class ChapterRetrainingTests(ThreeChapterCorpus corpus)
{
    private static readonly HsCode Chapter = HsCode.Parse("64");

    [Fact]
    public void WarmStartedRetrainingMatchesColdTrainingOnTheSameRows()
    {
        // Both runs stop within the solver's tolerance of one optimum; a tight tolerance makes "the same optimum"
        // visible in the predictions, where the default one leaves near-ties among sibling "Other" lines to chance.
        var trainer = new ChapterTrainer(new LinearSvcOptions { MaxDegreeOfParallelism = 1, Tolerance = 0.001, MaxIterations = 5000 });
        var baseRows = ChapterRows(corpus.Rows);
        var first = trainer.Retrain(Chapter, baseRows, previous: null);
        Assert.False(first.WarmStarted);

        // An officer insists that "clog sandal kd baik" is a line of 6402 the base rows never used for it.
        var corrections = Enumerable.Range(0, 5)
            .Select(i => new LabeledDescription($"clog sandal kd baik model {i}", HsCode.Parse("64029910"), DescriptionSources.Declaration) { Weight = 5 })
            .ToArray();
        var extended = ChapterRows([.. corpus.Rows.Where(r => r.Code.Chapter == Chapter), .. corrections]);
        var warm = trainer.Retrain(Chapter, extended, first.State);
        var cold = trainer.Retrain(Chapter, extended, previous: null);

        Assert.True(warm.WarmStarted);
        Assert.False(cold.WarmStarted);
        var classifierFeatures = corpus.Set.Router.Featurizer;
        var probes = corpus.Rows.Where(r => r.Code.Chapter == Chapter).Take(200).Select(r => r.Description).Append("clog sandal kd baik").ToArray();
        var agree = probes.Count(p => Best(warm, classifierFeatures, p) == Best(cold, classifierFeatures, p));
        Assert.True(agree >= probes.Length * 0.99, $"warm and cold retraining agree on {agree} of {probes.Length}");
        Assert.Equal(HsCode.Parse("64029910"), Best(warm, classifierFeatures, "clog sandal kd baik"));
    }

    [Fact]
    public void AChangedSubheadingSetFallsBackToColdTraining()
    {
        var trainer = new ChapterTrainer(new LinearSvcOptions { MaxDegreeOfParallelism = 1 });
        var rows = corpus.Rows.Where(r => r.Code.Chapter == Chapter).ToArray();
        var fewer = trainer.Retrain(Chapter, ChapterRows([.. rows.Where(r => r.Code.Truncate(4).Digits != "6406")]), previous: null);
        var all = trainer.Retrain(Chapter, ChapterRows(rows), fewer.State);
        Assert.False(all.WarmStarted);
    }

    private FeaturizedRows ChapterRows(IReadOnlyList<LabeledDescription> rows)
    {
        var featurizer = corpus.Set.Router.Featurizer;
        var chapterRows = rows.Where(r => r.Code.Chapter == Chapter && r.Code.Level >= 6).ToArray();
        return new FeaturizedRows(
            [.. chapterRows.Select(r => featurizer.Featurize(featurizer.Clean(r.Description)))],
            [.. chapterRows.Select(r => r.Code)],
            [.. chapterRows.Select(r => r.Weight)],
            new bool[chapterRows.Length],
            [.. chapterRows.Select(r => DescriptionSources.IsNomenclature(r.Source))]);
    }

    private static HsCode Best(ChapterRetraining retraining, Hierarchy.DescriptionFeaturizer featurizer, string description)
    {
        var ranked = new List<Hierarchy.CodeRecommendation>();
        retraining.Model.Rank(featurizer.Featurize(featurizer.Clean(description)), 1f, ranked);
        return ranked.MaxBy(r => r.Probability)!.Code;
    }
}
