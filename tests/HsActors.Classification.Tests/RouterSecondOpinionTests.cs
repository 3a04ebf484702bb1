using HsActors.Classification.Hierarchy;
using HsActors.Classification.ModelFiles;
using HsActors.Classification.Training;
using HsActors.Learning;

namespace HsActors.Classification.Tests;

[Collection(ThreeChapterCollection.Name)]
public sealed class RouterSecondOpinionTests(ThreeChapterCorpus corpus)
{
    private static readonly string[] Probes = ["black pepper crushed", "rubber gloves for surgery", "sports shoes with rubber soles", "ginger and rubber boots"];

    [Fact]
    public void The_router_scores_are_the_blend_of_its_standardised_LinearSVC_and_naive_Bayes_scores()
    {
        var router = corpus.Set.Router;
        var second = Assert.IsType<RouterSecondOpinion>(router.SecondOpinion);
        Assert.Equal(new TrainingOptions().RouterNaiveBayesWeight, second.Weight);
        var chapters = router.Chapters.Count;
        foreach (var probe in Probes)
        {
            var features = router.Featurizer.Featurize(router.Featurizer.Clean(probe));
            var svm = new float[chapters];
            var bayes = new float[chapters];
            router.Model.Score(features, svm);
            second.Model.Score(features, bayes);
            var expected = Standardized(svm).Zip(Standardized(bayes), (s, b) => (1 - second.Weight) * s + second.Weight * b).ToArray();
            var actual = new float[chapters];
            router.Scores(features, actual);
            Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, tolerance: 1e-4));
        }
    }

    [Fact]
    public void The_second_opinion_survives_the_router_file()
    {
        var metadata = new ModelMetadata { Version = "v-test", CreatedAt = DateTimeOffset.UnixEpoch, CreatedBy = "tests", TrainingRows = 1 };
        var (read, _) = RouterModelFile.Read(RouterModelFile.Write(corpus.Set.Router, metadata), "router.hsm");
        Assert.Equal(corpus.Set.Router.SecondOpinion!.Weight, read.SecondOpinion!.Weight);
        foreach (var probe in Probes)
        {
            var features = read.Featurizer.Featurize(read.Featurizer.Clean(probe));
            var before = new float[read.Chapters.Count];
            var after = new float[read.Chapters.Count];
            corpus.Set.Router.ChapterProbabilities(features, before);
            read.ChapterProbabilities(features, after);
            Assert.Equal(before, after);
        }
    }

    [Fact]
    public void A_weight_of_zero_trains_the_LinearSVC_alone_and_weights_outside_zero_to_one_are_refused()
    {
        var trainer = new HierarchicalTrainer(new TrainingOptions { RouterNaiveBayesWeight = 0, CalibrationHoldout = 0 });
        var featurizer = trainer.FitFeaturizer(corpus.Rows, out var rows, out _);
        var alone = trainer.TrainRouter(featurizer, rows);
        Assert.Null(alone.SecondOpinion);
        var features = featurizer.Featurize(featurizer.Clean(Probes[0]));
        var scores = new float[alone.Chapters.Count];
        var raw = new float[alone.Chapters.Count];
        alone.Scores(features, scores);
        alone.Model.Score(features, raw);
        Assert.Equal(raw, scores);

        var model = corpus.Set.Router.SecondOpinion!.Model;
        Assert.Throws<ArgumentOutOfRangeException>(() => new RouterSecondOpinion(model, 1.5f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RouterSecondOpinion(model, -0.1f));
    }

    private static float[] Standardized(float[] scores)
    {
        var mean = scores.Average();
        var deviation = Math.Sqrt(scores.Select(s => (s - mean) * (s - mean)).Average());
        return [.. scores.Select(s => (float)((s - mean) / deviation))];
    }
}
