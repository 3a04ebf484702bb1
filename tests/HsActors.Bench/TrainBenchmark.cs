using System.Diagnostics;
using HsActors.Classification.Training;

namespace HsActors.Bench;

/// <summary>Wall time of training the whole bundled corpus, with and without the calibration hold-out pass.</summary>
public static class TrainBenchmark
{
    public static int Run(BenchOptions options)
    {
        Console.WriteLine($"machine: {MachineDescription.Current()}");
        foreach (var holdOut in new[] { 0.1, 0.0 })
        {
            var clock = Stopwatch.StartNew();
            var set = BundledModel.Train(new TrainingOptions { CalibrationHoldout = holdOut }, out var rows);
            clock.Stop();
            var s = set.Summary;
            Console.WriteLine($"train bundled corpus, calibration hold-out {holdOut:P0}: {clock.Elapsed.TotalSeconds:F1} s wall " +
                              $"({rows.Count:N0} rows, {s.Features:N0} features, {s.Chapters} chapters, {s.Subheadings:N0} subheadings, {s.NationalLines:N0} national lines)");
        }
        return 0;
    }
}
