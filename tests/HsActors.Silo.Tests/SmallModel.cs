using HsActors.Classification.ModelFiles;
using HsActors.Classification.Training;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Silo.Tests;

/// <summary>
/// A real hierarchical model trained once per test run on the bundled rows of three chapters (coffee and spices,
/// rubber, footwear): small enough to train in seconds, distinct enough that the right chapter is unambiguous.
/// </summary>
public sealed class SmallModel : IDisposable
{
    public const string Version = "test-small-1";
    public static readonly string[] Chapters = ["09", "40", "64"];

    public SmallModel()
    {
        Directory = Path.Combine(Path.GetTempPath(), "hsactors-silo-model-" + Guid.NewGuid().ToString("N"));
        var rows = BundledCorpus.All(HsNomenclature.Bundled).Where(r => Chapters.Contains(r.Code.Chapter.Digits)).ToList();
        // Not the default smoothing, so a test can tell that a retrained router keeps its active model's.
        var set = new HierarchicalTrainer(new TrainingOptions { CalibrationHoldout = 0, RouterNaiveBayesAlpha = 0.05 }).Train(rows);
        ModelDirectory.Save(set, Directory, new ModelMetadata { Version = Version, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "silo tests", TrainingRows = rows.Count });
    }

    public string Directory { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a temp directory left behind is harmless
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SmallModel>
{
    public const string Name = "silo";
}
