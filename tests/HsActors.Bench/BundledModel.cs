using HsActors.Classification.ModelFiles;
using HsActors.Classification.Training;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Bench;

/// <summary>The model every benchmark measures: the bundled corpus, default options, trained once and kept on disk.</summary>
public static class BundledModel
{
    public static TrainedModelSet Train(TrainingOptions options, out IReadOnlyList<LabeledDescription> rows)
    {
        rows = [.. BundledCorpus.All(HsNomenclature.Bundled)];
        return new HierarchicalTrainer(options, new Progress<TrainingProgress>(ReportStage)).Train(rows);
    }

    public static void EnsureSaved(string directory)
    {
        if (ModelDirectory.OutdatedFormat(directory) is { } found)
        {
            // A model left by another build: the benchmark measures this build's model, so it is trained again.
            Console.WriteLine($"{directory} holds a model in format {found}; training again.");
        }
        else if (ModelDirectory.Exists(directory))
        {
            return;
        }
        Console.WriteLine($"training the bundled corpus into {directory} ...");
        var set = Train(new TrainingOptions(), out var rows);
        ModelDirectory.Save(set, directory, new ModelMetadata { Version = "bench", CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "hs-bench", TrainingRows = rows.Count });
    }

    private static string _lastStage = "";

    private static void ReportStage(TrainingProgress p)
    {
        if (p.Stage != _lastStage)
        {
            _lastStage = p.Stage;
            Console.WriteLine($"  {DateTime.Now:HH:mm:ss} {p.Stage}");
        }
    }
}
