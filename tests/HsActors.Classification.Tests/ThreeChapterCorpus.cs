using HsActors.Classification.Training;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Classification.Tests;

/// <summary>
/// The bundled rows of three chapters (coffee and spices, rubber, footwear) and a model trained on them once per test
/// run: real data, small enough to train in seconds.
/// </summary>
public sealed class ThreeChapterCorpus
{
    public static readonly string[] Chapters = ["09", "40", "64"];

    public ThreeChapterCorpus()
    {
        Rows = [.. BundledCorpus.All(HsNomenclature.Bundled).Where(r => Chapters.Contains(r.Code.Chapter.Digits))];
        Trainer = new HierarchicalTrainer(new TrainingOptions());
        Set = Trainer.Train(Rows);
    }

    public IReadOnlyList<LabeledDescription> Rows { get; }

    public HierarchicalTrainer Trainer { get; }

    public TrainedModelSet Set { get; }
}

[CollectionDefinition(Name)]
public sealed class ThreeChapterCollection : ICollectionFixture<ThreeChapterCorpus>
{
    public const string Name = "three chapters";
}
