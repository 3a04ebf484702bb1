using HsActors.Classification.Evaluation;
using HsActors.Classification.Training;
using HsActors.Corpus;
using HsActors.Nomenclature;
using HsActors.Text;

namespace HsActors.Bench;

/// <summary>
/// The declared-code check on real goods descriptions it was not trained on: the bundled HMRC references of fold 1 of
/// the evaluation's grouped 5-fold split are held out, the model is trained on everything else, and every held-out row
/// is declared once right and once per kind of wrong code.
/// </summary>
public static class DeclaredCheckBenchmark
{
    public static int Run()
    {
        var nomenclature = HsNomenclature.Bundled;
        var options = new TrainingOptions();
        var references = BundledCorpus.HmrcReferences(nomenclature);
        var pipeline = new CleansingPipeline(options.Cleansing);
        var held = new GroupedKFold(5).Split([.. references.Select(r => pipeline.Clean(r.Description))])[0].ToHashSet();
        var training = BundledCorpus.NomenclatureRows(nomenclature).Concat(references.Where((_, i) => !held.Contains(i))).ToArray();
        Console.WriteLine($"training on {training.Length:N0} rows, {held.Count:N0} HMRC references held out ...");
        var classifier = new HierarchicalTrainer(options).Train(training).ToClassifier(options.Hierarchy);

        var result = DeclaredCodeCheckEvaluator.Evaluate(classifier, nomenclature, [.. references.Where((_, i) => held.Contains(i))], DeclaredCodeCheckEvaluator.DefaultThresholds);
        Console.WriteLine($"machine: {MachineDescription.Current()}");
        foreach (var line in result.Describe())
        {
            Console.WriteLine(line);
        }
        return 0;
    }
}
