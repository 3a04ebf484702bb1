using HsActors.Classification.Evaluation;
using HsActors.Classification.Hierarchy;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Classification.Tests;

[Collection(ThreeChapterCollection.Name)]
public sealed class ImporterHistoryEvaluationTests(ThreeChapterCorpus corpus)
{
    private const string Description = "rubber tyre for bicycle";

    [Fact]
    public void Each_line_is_reranked_with_its_importers_earlier_declarations_only()
    {
        var classifier = corpus.Set.ToClassifier(new HierarchyOptions());
        // The importer always declares the model's best code outside its first chapter for these goods (with a weight so
        // large that the history decides); the lines come in shuffled file order.
        var ranking = classifier.Classify(Description, 10).Recommendations;
        var declared = ranking.First(r => r.Code.Chapter != ranking[0].Code.Chapter).Code;
        var start = new DateOnly(2026, 1, 1);
        var rows = Enumerable.Range(0, 20)
            .Select(day => new LabeledDescription(Description, declared, DescriptionSources.Synthetic) { ImporterId = "IMP-A", DeclaredOn = start.AddDays((day * 7) % 20) })
            .Append(new LabeledDescription(Description, declared, DescriptionSources.Synthetic)) // no importer: not replayed
            .ToArray();

        var result = ImporterHistoryEvaluator.Evaluate(classifier, rows, [1e6]);

        Assert.Equal(20, result.Rows);
        Assert.Equal(1, result.Importers);
        Assert.Equal(19, result.RowsWithHistory); // the first declaration by date has no history, whatever its file position
        var level = declared.Level;
        Assert.Equal(0.0, result.Models[0].Scores.At(level)!.Top1);
        Assert.Equal(19 / 20.0, result.Models[1].Scores.At(level)!.Top1, 9);
        Assert.Equal("importer history, weight 1000000", result.Models[1].Model);
    }

    [Fact]
    public void Rows_without_importers_and_weights_that_are_not_positive_are_refused()
    {
        var classifier = corpus.Set.ToClassifier(new HierarchyOptions());
        var row = new LabeledDescription(Description, HsCode.Parse("401150"), DescriptionSources.Synthetic);
        Assert.Contains("importer", Assert.Throws<ArgumentException>(() => ImporterHistoryEvaluator.Evaluate(classifier, [row], [1.0])).Message);
        Assert.Throws<ArgumentException>(() => ImporterHistoryEvaluator.Evaluate(classifier, [row with { ImporterId = "I" }], [0.0]));
    }
}
