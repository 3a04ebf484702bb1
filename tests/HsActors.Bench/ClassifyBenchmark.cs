using System.Diagnostics;
using HsActors.Classification.Explanations;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.ModelFiles;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Bench;

/// <summary>End-to-end latency of one description on one core (cleansing → features → router → chapters → ranking), and memory.</summary>
public static class ClassifyBenchmark
{
    public static int Run(BenchOptions options)
    {
        BundledModel.EnsureSaved(options.ModelDirectory);
        var before = Process.GetCurrentProcess().WorkingSet64;
        var classifier = ModelDirectory.Open(options.ModelDirectory, new HierarchyOptions());
        var routerOnly = Resident();
        var lines = Inputs(options.Lines);

        foreach (var line in lines.Take(2000))
        {
            classifier.Classify(line, 5); // warm-up: JIT and lazy chapter loads are not what is measured
        }
        foreach (var chapter in classifier.Router.Chapters)
        {
            classifier.Chapters.Get(chapter);
        }
        var allChapters = Resident();

        var clean = new double[lines.Length];
        var featurize = new double[lines.Length];
        var total = new double[lines.Length];
        var ticksToMicroseconds = 1_000_000.0 / Stopwatch.Frequency;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < lines.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var cleaned = classifier.Router.Featurizer.Clean(lines[i]);
            var t1 = Stopwatch.GetTimestamp();
            var features = classifier.Router.Featurizer.Featurize(cleaned);
            var t2 = Stopwatch.GetTimestamp();
            classifier.Rank(features, 5, out _);
            var t3 = Stopwatch.GetTimestamp();
            clean[i] = (t1 - t0) * ticksToMicroseconds;
            featurize[i] = (t2 - t1) * ticksToMicroseconds;
            total[i] = (t3 - t0) * ticksToMicroseconds;
        }
        wall.Stop();
        var route = RouteOnly(classifier, lines);
        var explain = ExplainTopFive(classifier, lines);

        Console.WriteLine($"machine: {MachineDescription.Current()}");
        Console.WriteLine($"classify one description, one thread, {lines.Length:N0} lines (HMRC references + synthetic declarations), top 5:");
        Console.WriteLine($"  end to end : {LatencyStatistics.From(total)}");
        Console.WriteLine($"  cleansing  : {LatencyStatistics.From(clean)}");
        Console.WriteLine($"  features   : {LatencyStatistics.From(featurize)}");
        Console.WriteLine($"  router     : {LatencyStatistics.From(route)} (chapter probabilities alone, measured apart)");
        Console.WriteLine($"  throughput : {lines.Length / wall.Elapsed.TotalSeconds:N0} lines/s on one core");
        Console.WriteLine($"  explaining the top 5 (3 terms each, as the silo's explain=true does), on top of the above: {LatencyStatistics.From(explain)}");
        Console.WriteLine($"memory (working set): process before load {Mb(before)}, router loaded {Mb(routerOnly)}, all {classifier.Router.Chapters.Count} chapters loaded {Mb(allChapters)}");
        Console.WriteLine($"model files on disk: {Mb(Directory.EnumerateFiles(options.ModelDirectory, "*.hsm", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length))}");
        return 0;
    }

    /// <summary>The router's share of the end-to-end time: its chapter probabilities, over features computed beforehand.</summary>
    private static double[] RouteOnly(HierarchicalClassifier classifier, string[] lines)
    {
        var featurizer = classifier.Router.Featurizer;
        var features = lines.Select(l => featurizer.Featurize(featurizer.Clean(l))).ToArray();
        var probabilities = new float[classifier.Router.Chapters.Count];
        var elapsed = new double[lines.Length];
        for (var i = 0; i < features.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            classifier.Router.ChapterProbabilities(features[i], probabilities);
            elapsed[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        }
        return elapsed;
    }

    private static double[] ExplainTopFive(HierarchicalClassifier classifier, string[] lines)
    {
        var featurizer = classifier.Router.Featurizer;
        var prepared = lines.Select(l => featurizer.Clean(l)).Select(c => (Cleaned: c, Features: featurizer.Featurize(c))).ToArray();
        var rankings = prepared.Select(p => classifier.Rank(p.Features, 5, out _)).ToArray();
        var elapsed = new double[lines.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var terms = DescriptionTerms.Of(featurizer.Vectorizer, prepared[i].Cleaned, prepared[i].Features);
            foreach (var code in rankings[i])
            {
                if (classifier.Chapters.Get(code.Code.Chapter) is { } chapter)
                {
                    TermExplainer.Explain(terms, chapter, code.Code);
                }
            }
            elapsed[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        }
        return elapsed;
    }

    private static string[] Inputs(int count)
    {
        var real = BundledCorpus.HmrcReferences().Select(r => r.Description);
        var synthetic = new SyntheticDeclarationGenerator(HsNomenclature.Bundled, seed: 11).Generate(count).Select(r => r.Description);
        return [.. real.Concat(synthetic).Take(count)];
    }

    private static long Resident()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Process.GetCurrentProcess().WorkingSet64;
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:F0} MiB";
}
