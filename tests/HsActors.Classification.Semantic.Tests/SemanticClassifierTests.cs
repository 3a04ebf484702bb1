using HsActors.Classification.Hierarchy;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Classification.Semantic.Index;
using HsActors.Classification.Training;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Tests;

public sealed class SemanticClassifierTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    // Three chapters far apart: coffee and spices, rubber, footwear.
    private static readonly string[] Chapters = ["09", "40", "64"];

    private static readonly Lazy<HierarchicalClassifier> Hierarchy = new(() =>
    {
        var options = new TrainingOptions { CalibrationHoldout = 0 };
        var rows = BundledCorpus.All(HsNomenclature.Bundled).Where(r => Chapters.Contains(r.Code.Chapter.Digits)).ToList();
        return new HierarchicalTrainer(options).Train(rows).ToClassifier(options.Hierarchy);
    });

    [Fact]
    public void TheHierarchyReadsTheCategoryTooInEveryMode()
    {
        // A title that names no goods of the three chapters; its category does.
        const string title = "Summer New Style Breathable Comfortable Size 42";
        var withoutCategory = Classifier().Classify(title, 3, HierarchicalClassifier.SubheadingLevel, ClassificationMode.Fast);
        var withCategory = Classifier().Classify(title, 3, HierarchicalClassifier.SubheadingLevel, ClassificationMode.Fast, "Shoes > Men's Shoes > Sneakers", null);
        Assert.False(withCategory.EncoderConsulted);
        Assert.Equal("64", withCategory.Result.Recommendations[0].Code.Chapter.Digits);
        Assert.NotEqual(withoutCategory.Result.Recommendations.Select(r => r.Code), withCategory.Result.Recommendations.Select(r => r.Code));
    }

    private SemanticClassifier Classifier()
    {
        var rows = SemanticIndexBuilder.IndexRows(BundledCorpus.HmrcReferences().Where(r => Chapters.Contains(r.Code.Chapter.Digits)));
        return new SemanticClassifier(Hierarchy.Value, fixture.Embedder, IndexOf(rows), new IndonesianTextDetector(HsNomenclature.Bundled),
            new FusionOptions(), new EmbeddingCache(1_000));
    }

    private SemanticIndex IndexOf(IReadOnlyList<LabeledDescription> rows)
    {
        lock (IndexGate)
        {
            return index ??= SemanticIndexBuilder.Build(fixture.Embedder, rows);
        }
    }

    private static readonly Lock IndexGate = new();
    private static SemanticIndex? index;
}
