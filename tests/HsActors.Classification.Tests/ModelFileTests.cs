using HsActors.Classification.Training;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.ModelFiles;

namespace HsActors.Classification.Tests;

[Collection(ThreeChapterCollection.Name)]
public sealed class ModelFileTests(ThreeChapterCorpus corpus)
{
    private static readonly ModelMetadata Metadata = new() { Version = "v-test", CreatedAt = DateTimeOffset.UnixEpoch, CreatedBy = "tests", TrainingRows = 1 };

    private static readonly string[] Probes = ["black pepper crushed", "rubber gloves for surgery", "sports shoes with rubber soles", "conveyor belts of vulcanised rubber"];

    [Fact]
    public void ChapterFileRoundTripRanksIdentically()
    {
        var classifier = corpus.Set.ToClassifier(new HierarchyOptions());
        foreach (var original in corpus.Set.Chapters)
        {
            var (read, metadata) = ChapterModelFile.Read(ChapterModelFile.Write(original, Metadata), "test");
            Assert.Equal(Metadata.Version, metadata.Version);
            Assert.Equal(original.NationalLines, read.NationalLines);
            Assert.Equal(original.NationalLineCalibration.Temperature, read.NationalLineCalibration.Temperature);
            foreach (var probe in Probes)
            {
                var features = classifier.Router.Featurizer.Featurize(classifier.Router.Featurizer.Clean(probe));
                List<CodeRecommendation> expected = [], actual = [];
                original.Rank(features, 0.7f, expected);
                read.Rank(features, 0.7f, actual);
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void DirectoryRoundTripClassifiesIdentically()
    {
        var directory = Path.Combine(Path.GetTempPath(), "hsactors-modelfile-" + Guid.NewGuid().ToString("N"));
        try
        {
            ModelDirectory.Save(corpus.Set, directory, Metadata);
            var reopened = ModelDirectory.Open(directory, new HierarchyOptions());
            var original = corpus.Set.ToClassifier(new HierarchyOptions());
            foreach (var probe in Probes)
            {
                Assert.Equal(original.Classify(probe, 5).Recommendations, reopened.Classify(probe, 5).Recommendations);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void FlippedByteIsRejectedAsCorrupt()
    {
        var file = ChapterModelFile.Write(corpus.Set.Chapters[0], Metadata);
        file[file.Length / 2] ^= 0x40;
        var error = Assert.Throws<ModelFileException>(() => ChapterModelFile.Read(file, "chapters/09.hsm"));
        Assert.Contains("chapters/09.hsm", error.Message);
    }

    [Fact]
    public void TruncatedFileIsRejected()
    {
        var file = ChapterModelFile.Write(corpus.Set.Chapters[0], Metadata);
        Assert.Throws<ModelFileException>(() => ChapterModelFile.Read(file.AsMemory(0, file.Length - 7), "t"));
        Assert.Throws<ModelFileException>(() => ChapterModelFile.Read(file.AsMemory(0, 3), "t"));
    }

    [Fact]
    public void OlderFormatVersionIsRejectedWithAClearMessage()
    {
        var file = ChapterModelFile.Write(corpus.Set.Chapters[0], Metadata);
        file[4] = 1;
        file[5] = 0;
        var error = Assert.Throws<ModelFileException>(() => ChapterModelFile.Read(file, "old.hsm"));
        Assert.Contains("format version 1", error.Message);
    }

    [Fact]
    public void A_router_without_a_second_opinion_keeps_format_2_which_this_build_still_reads_and_serves()
    {
        var trainer = new HierarchicalTrainer(new TrainingOptions { RouterNaiveBayesWeight = 0, CalibrationHoldout = 0 });
        var featurizer = trainer.FitFeaturizer(corpus.Rows, out var rows, out _);
        var plain = trainer.TrainRouter(featurizer, rows);
        var file = RouterModelFile.Write(plain, Metadata);
        Assert.Equal((ushort)2, ModelEnvelope.ReadFormatVersion(file));
        Assert.Equal(ModelEnvelope.FormatVersion, ModelEnvelope.ReadFormatVersion(RouterModelFile.Write(corpus.Set.Router, Metadata)));

        var (read, _) = RouterModelFile.Read(file, "router-v2.hsm");
        Assert.Null(read.SecondOpinion);
        var features = featurizer.Featurize(featurizer.Clean(Probes[0]));
        var expected = new float[plain.Chapters.Count];
        var actual = new float[plain.Chapters.Count];
        plain.ChapterProbabilities(features, expected);
        read.ChapterProbabilities(features, actual);
        Assert.Equal(expected, actual);

        // A chapter file of format 2 has the layout of format 3.
        var payload = ModelEnvelope.Unwrap(ChapterModelFile.Write(corpus.Set.Chapters[0], Metadata), ModelKind.Chapter, "chapter.hsm");
        var chapter = ModelEnvelope.Wrap(ModelKind.Chapter, payload.Span, version: 2);
        Assert.Equal(corpus.Set.Chapters[0].NationalLines, ChapterModelFile.Read(chapter, "chapter-v2.hsm").Chapter.NationalLines);
    }

    [Fact]
    public void A_model_directory_in_another_format_is_recognised_from_its_router_header()
    {
        var directory = Path.Combine(Path.GetTempPath(), "hs-format-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Null(ModelDirectory.OutdatedFormat(directory));
            ModelDirectory.Save(corpus.Set, directory, Metadata);
            Assert.Null(ModelDirectory.OutdatedFormat(directory));
            var router = Path.Combine(directory, ModelDirectory.RouterFile);
            var bytes = File.ReadAllBytes(router);
            bytes[4] = 1;
            bytes[5] = 0;
            File.WriteAllBytes(router, bytes);
            Assert.Equal((ushort)1, ModelDirectory.OutdatedFormat(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void RouterFileIsNotReadAsAChapter()
    {
        var router = RouterModelFile.Write(corpus.Set.Router, Metadata);
        Assert.Throws<ModelFileException>(() => ChapterModelFile.Read(router, "router.hsm"));
    }
}
