using System.Globalization;
using HsActors.Classification.Evaluation;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.ModelFiles;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Bench;

/// <summary>
/// The importer-history re-ranking on synthetic declarations, the only importer-labelled data this repository has, under
/// two assumptions about importers: as generated (each line's importer drawn at random, so its history says nothing of
/// its goods) and specialised (each importer declares goods of one chapter only). Real declarations lie somewhere
/// between; the silo's weight stays 0 until a customer's own (<c>hs evaluate --importer-history</c>) shows a gain.
/// </summary>
public static class ImporterHistoryBenchmark
{
    private static readonly double[] Weights = [0.5, 1, 2, 4, 8];

    public static int Run(BenchOptions options)
    {
        BundledModel.EnsureSaved(options.ModelDirectory);
        var classifier = ModelDirectory.Open(options.ModelDirectory, new HierarchyOptions());
        var generated = new SyntheticDeclarationGenerator(HsNomenclature.Bundled, seed: 99).Generate(options.Lines).ToArray();
        var random = new Random(5);
        var specialised = generated
            .Select(r => r with { ImporterId = $"IMP-{r.Code.Chapter.Digits}-{random.Next(5)}" })
            .ToArray();

        Console.WriteLine($"machine: {MachineDescription.Current()}");
        Console.WriteLine($"importer-history re-ranking, {options.Lines:N0} synthetic declarations replayed in date order, top-1 / top-5 at 2, 6 and 8 digits:");
        foreach (var (name, rows) in new[] { ("importers at random (as generated)", generated), ("specialised importers (one chapter each, 5 per chapter)", specialised) })
        {
            var result = ImporterHistoryEvaluator.Evaluate(classifier, rows, Weights);
            Console.WriteLine($"  {name}: {result.Importers:N0} importers, {result.RowsWithHistory:N0} of {result.Rows:N0} lines with earlier declarations");
            foreach (var model in result.Models)
            {
                Console.WriteLine($"    {model.Model,-32} {Level(model, 2)}   {Level(model, 6)}   {Level(model, 8)}");
            }
        }
        return 0;
    }

    private static string Level(ModelEvaluation model, int level) =>
        model.Scores.At(level) is { } scores
            ? string.Create(CultureInfo.InvariantCulture, $"@{level} {scores.Top1 * 100:0.0} / {scores.Top5 * 100:0.0} %")
            : $"@{level} –";
}
