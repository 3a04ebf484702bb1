using HsActors.Classification.Evaluation;
using HsActors.Classification.Training;

namespace HsActors.Classification.Tests;

[Collection(ThreeChapterCollection.Name)]
public sealed class TrainingProgressTests(ThreeChapterCorpus corpus)
{
    [Fact]
    public async Task Router_training_has_reported_all_its_progress_when_it_returns()
    {
        var reports = new List<TrainingProgress>();
        var trainer = new HierarchicalTrainer(new TrainingOptions { CalibrationHoldout = 0 },
            new SynchronousProgress<TrainingProgress>(p =>
            {
                Thread.Sleep(p.Stage == "router" ? 5 : 0); // a slow display: late reports would pile up after the return
                lock (reports)
                {
                    reports.Add(p);
                }
            }));
        var featurizer = trainer.FitFeaturizer(corpus.Rows, out var rows, out _);
        var router = trainer.TrainRouter(featurizer, rows);
        int atReturn;
        lock (reports)
        {
            atReturn = reports.Count;
        }
        // A report that arrives later would write to a display its caller may already have closed.
        await Task.Delay(300);
        lock (reports)
        {
            Assert.Equal(atReturn, reports.Count);
            Assert.Contains(reports, r => r.Stage == "router" && r.Done == router.Chapters.Count);
        }
    }
}
