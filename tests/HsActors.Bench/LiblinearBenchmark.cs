using System.Diagnostics;
using System.Globalization;
using HsActors.Classification.Training;
using HsActors.Corpus;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Bench;

/// <summary>
/// Our LinearSVC against the real LIBLINEAR (liblinear-train -s 1) on the router's own features: training time on the
/// same file, and how often the two agree on the top-1 chapter of held-out rows.
/// </summary>
public static class LiblinearBenchmark
{
    public static int Run(BenchOptions options)
    {
        Directory.CreateDirectory(options.WorkDirectory);
        var trainer = new HierarchicalTrainer(new TrainingOptions());
        trainer.FitFeaturizer([.. BundledCorpus.All(HsNomenclature.Bundled)], out var rows, out _);
        var chapters = new LabelIndex(rows.Codes.Select(c => c.Chapter));
        var labels = rows.Codes.Select(c => chapters.IdOf(c.Chapter)).ToArray();
        var train = Enumerable.Range(0, rows.Count).Where(i => !rows.HeldOut[i]).ToArray();
        var test = Enumerable.Range(0, rows.Count).Where(i => rows.HeldOut[i]).ToArray();
        var featureCount = rows.Vectors.Max(v => v.Count == 0 ? 0 : v.Indices[^1]) + 1;

        var trainFile = Path.Combine(options.WorkDirectory, "router-train.svm");
        var testFile = Path.Combine(options.WorkDirectory, "router-test.svm");
        WriteSvmLight(trainFile, train, rows.Vectors, labels);
        WriteSvmLight(testFile, test, rows.Vectors, labels);

        Console.WriteLine($"machine: {MachineDescription.Current()}");
        Console.WriteLine($"router problem: {train.Length:N0} training rows, {test.Length:N0} held-out rows, {chapters.Count} classes, {featureCount:N0} features");

        var modelFile = Path.Combine(options.WorkDirectory, "router.liblinear");
        var liblinear = Time(() => RunTool("liblinear-train", $"-s 1 -c 1 -e 0.1 -B 1 -q {trainFile} {modelFile}"));
        var predictions = Path.Combine(options.WorkDirectory, "router.pred");
        RunTool("liblinear-predict", $"{testFile} {modelFile} {predictions}");
        var theirs = File.ReadLines(predictions).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();

        var trainRows = train.Select(i => rows.Vectors[i]).ToArray();
        var trainLabels = train.Select(i => labels[i]).ToArray();
        LinearModel? ours = null;
        var oneCore = Time(() => ours = LinearSvcTrainer.Train(trainRows, trainLabels, chapters.Count, featureCount, new LinearSvcOptions { MaxDegreeOfParallelism = 1 }).Model);
        var allCores = Time(() => LinearSvcTrainer.Train(trainRows, trainLabels, chapters.Count, featureCount, new LinearSvcOptions()));

        var scores = new float[chapters.Count];
        var agree = 0;
        var oursCorrect = 0;
        var theirsCorrect = 0;
        for (var t = 0; t < test.Length; t++)
        {
            ours!.Score(rows.Vectors[test[t]], scores);
            var mine = Array.IndexOf(scores, scores.Max());
            agree += mine == theirs[t] ? 1 : 0;
            oursCorrect += mine == labels[test[t]] ? 1 : 0;
            theirsCorrect += theirs[t] == labels[test[t]] ? 1 : 0;
        }
        Console.WriteLine($"training time: liblinear-train -s 1 (1 thread) {liblinear.TotalSeconds:F2} s; ours 1 thread {oneCore.TotalSeconds:F2} s ({oneCore / liblinear:F2}×); ours {Environment.ProcessorCount} threads {allCores.TotalSeconds:F2} s");
        Console.WriteLine($"top-1 agreement on held-out rows: {100.0 * agree / test.Length:F2} %  (accuracy: ours {100.0 * oursCorrect / test.Length:F2} %, LIBLINEAR {100.0 * theirsCorrect / test.Length:F2} %)");
        return 0;
    }

    private static void WriteSvmLight(string path, int[] subset, SparseVector[] vectors, int[] labels)
    {
        using var writer = new StreamWriter(path);
        SvmLightFormat.Write(writer, [.. subset.Select(i => vectors[i])], [.. subset.Select(i => labels[i])]);
    }

    private static TimeSpan Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed;
    }

    private static void RunTool(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true })
            ?? throw new InvalidOperationException($"{tool} did not start: apt-get install liblinear-tools");
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {arguments} exited with {process.ExitCode}");
        }
    }
}
