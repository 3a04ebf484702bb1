using HsActors.Classification.Evaluation;
using HsActors.Classification.Hierarchy;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Classification.Tests;

[Collection(ThreeChapterCollection.Name)]
public sealed class DeclaredCodeCheckEvaluationTests(ThreeChapterCorpus corpus)
{
    [Fact]
    public void Flags_grow_with_the_threshold_and_a_code_of_another_chapter_is_told_apart_from_the_truth()
    {
        var classifier = corpus.Set.ToClassifier(new HierarchyOptions());
        var rows = corpus.Rows.Where((r, i) => i % 11 == 0 && r.Code.Level >= 6).ToArray();

        var result = DeclaredCodeCheckEvaluator.Evaluate(classifier, HsNomenclature.Bundled, rows, [0.01, 0.1, 0.5]);

        Assert.Equal(rows.Length, result.Rows);
        Assert.Equal([0.01, 0.1, 0.5], result.FalseAlarms.Select(f => f.Threshold));
        Assert.True(result.FalseAlarms.Zip(result.FalseAlarms.Skip(1)).All(p => p.First.Share <= p.Second.Share));
        var otherChapter = result.Kinds[0];
        Assert.Equal(rows.Length, otherChapter.Cases);
        Assert.True(otherChapter.Detected.Zip(otherChapter.Detected.Skip(1)).All(p => p.First.Share <= p.Second.Share));
        // Trained on these very rows, the model must see a random code of another chapter as far less likely than the truth.
        Assert.InRange(otherChapter.RocArea, 0.9, 1.0);
        Assert.True(otherChapter.Detected[^1].Share > result.FalseAlarms[^1].Share);
    }

    [Fact]
    public void Rows_without_a_declarable_code_are_refused()
    {
        var classifier = corpus.Set.ToClassifier(new HierarchyOptions());
        var heading = new LabeledDescription("rubber tyres", HsCode.Parse("4011"), DescriptionSources.Synthetic);
        Assert.Throws<ArgumentException>(() => DeclaredCodeCheckEvaluator.Evaluate(classifier, HsNomenclature.Bundled, [heading], [0.1]));
    }
}
