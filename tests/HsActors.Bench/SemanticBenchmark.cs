using System.Diagnostics;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.Listings;
using HsActors.Classification.ModelFiles;
using HsActors.Classification.Semantic;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Evaluation;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Classification.Semantic.Index;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Bench;

/// <summary>
/// The semantic stage's costs on one core: start-up, index build and memory, encoder time per line (alone and in
/// batches), and lines/s per mode, line by line and in batches, over marketplace listings (<c>--listings FILE</c>) or
/// distinct HMRC reference descriptions (the cascade also with each line repeated, as hubs repeat goods).
/// </summary>
public static class SemanticBenchmark
{
    public static int Run(BenchOptions options)
    {
        Console.WriteLine($"machine: {MachineDescription.Current()}; load average {File.ReadAllText("/proc/loadavg").Trim()}; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        BundledModel.EnsureSaved(options.ModelDirectory);
        var clock = Stopwatch.StartNew();
        using var embedder = new SentenceEmbedder(new EncoderOptions { IntraOpThreads = 1 });
        var sessionTime = clock.Elapsed;
        var built = !File.Exists(SemanticIndexDirectory.PathIn(options.ModelDirectory));
        clock.Restart();
        var index = SemanticIndexDirectory.LoadOrBuild(options.ModelDirectory, embedder, Console.WriteLine);
        var indexTime = clock.Elapsed;
        clock.Restart();
        var hierarchy = ModelDirectory.Open(options.ModelDirectory, new HierarchyOptions());
        var language = new IndonesianTextDetector(HsNomenclature.Bundled);
        var hierarchyTime = clock.Elapsed;
        Console.WriteLine($"start-up: encoder session {sessionTime.TotalMilliseconds:F0} ms, index {(built ? "build" : "load")} {indexTime.TotalSeconds:F2} s, router + language gate {hierarchyTime.TotalMilliseconds:F0} ms");
        var indonesianRows = BundledCorpus.NomenclatureRows(HsNomenclature.Bundled).Where(r => r.Source == DescriptionSources.BtkiIndonesian).Select(r => r.Description).ToArray();
        var englishRows = BundledCorpus.HmrcReferences().Select(r => r.Description).ToArray();
        Console.WriteLine($"language gate: {indonesianRows.Count(language.IsIndonesian) * 100.0 / indonesianRows.Length:F1} % of {indonesianRows.Length:N0} BTKI Indonesian texts and {englishRows.Count(language.IsIndonesian) * 100.0 / englishRows.Length:F1} % of {englishRows.Length:N0} English HMRC references taken as Indonesian");
        Console.WriteLine($"index: {index.Count:N0} rows, {index.VectorBytes / (double)(1 << 20):F1} MiB of int8 vectors and scales");

        var listings = TimedLines(options);
        // What the encoder and the hierarchy read for each line.
        var lines = listings.Select(l => ListingText.Compose(l.Description, l.Category, l.Attributes)).ToArray();
        var neighbours = new Neighbour[new FusionOptions().Neighbours];
        Time("warm-up", lines.Take(50), l => embedder.EmbedQuery(l));
        Time($"encoder, a line (first {embedder.Options.QueryTokens} tokens)", lines, l => embedder.EmbedQuery(l));
        Time($"encoder, an index row (first {embedder.Options.MaxTokens} tokens)", lines, l => embedder.Embed(l));
        var query = embedder.EmbedQuery(lines[0]);
        Time("index search (int8 brute force)", Enumerable.Repeat(0, 2000), _ => index.Search(query, neighbours));
        Console.WriteLine($"working set with hierarchy router, encoder and index: {Environment.WorkingSet / (double)(1 << 20):F0} MiB");

        foreach (var mode in new[] { ClassificationMode.Fast, ClassificationMode.Cascade, ClassificationMode.Full })
        {
            // A first pass loads every chapter the lines reach (lazily, on first use) and compiles this mode's code to
            // its final tier before the clock starts; the timed pass has a cache of its own, so no line is known to it.
            SemanticClassifier WithEmptyCache() => new(hierarchy, embedder, index, language, new FusionOptions(), new EmbeddingCache(100_000));
            var warmUp = WithEmptyCache();
            foreach (var l in listings)
            {
                warmUp.Classify(l.Description, 5, HierarchicalClassifier.SubheadingLevel, mode, l.Category, l.Attributes);
            }
            var classifier = WithEmptyCache();
            var consulted = 0;
            var elapsed = Time($"mode {mode.ToString().ToLowerInvariant()}, distinct lines", listings, l =>
                consulted += classifier.Classify(l.Description, 5, HierarchicalClassifier.SubheadingLevel, mode, l.Category, l.Attributes).EncoderConsulted ? 1 : 0);
            Console.WriteLine($"  {lines.Length / elapsed.TotalSeconds:N0} lines/s on one core; encoder consulted for {consulted * 100.0 / lines.Length:F1} % of lines");
            if (mode != ClassificationMode.Fast)
            {
                var repeated = Enumerable.Range(0, 4).SelectMany(_ => listings).ToArray();
                var again = Time($"mode {mode.ToString().ToLowerInvariant()}, each line sent 4 times", repeated,
                    l => classifier.Classify(l.Description, 5, HierarchicalClassifier.SubheadingLevel, mode, l.Category, l.Attributes));
                Console.WriteLine($"  {repeated.Length / again.TotalSeconds:N0} lines/s on one core");
            }
        }
        return 0;
    }

    /// <summary>
    /// The lines timed per mode: the listings file's (titles with their category and attributes: the lines hubs send,
    /// new to the model) when one is given, else distinct HMRC references (which the bundled model was trained on, so
    /// the cascade finds the hierarchy sure of most of them).
    /// </summary>
    private static ListingLine[] TimedLines(BenchOptions options)
    {
        if (options.Listings is { } path)
        {
            var listings = MarketplaceListingFile.Read(path, out _);
            Console.WriteLine($"timed lines: {listings.Count:N0} marketplace listings from {path} (title, category, attributes)");
            return [.. listings.Select(l => new ListingLine(l.Title, l.Category, l.Attributes))];
        }
        var references = BundledCorpus.HmrcReferences().Select(r => r.Description).Distinct().Take(Math.Min(options.Lines, 1000)).ToArray();
        Console.WriteLine($"timed lines: {references.Length:N0} distinct HMRC references (training rows of the bundled model; pass --listings FILE for real titles)");
        return [.. references.Select(r => new ListingLine(r))];
    }

    private static TimeSpan Time<T>(string what, IEnumerable<T> items, Action<T> action)
    {
        var list = items.ToArray();
        var clock = Stopwatch.StartNew();
        var samples = new double[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            var start = clock.Elapsed.TotalMilliseconds;
            action(list[i]);
            samples[i] = clock.Elapsed.TotalMilliseconds - start;
        }
        var elapsed = clock.Elapsed;
        Array.Sort(samples);
        Console.WriteLine($"{what}: {list.Length:N0} in {elapsed.TotalSeconds:F2} s, mean {elapsed.TotalMilliseconds / list.Length:F3} ms, p50 {samples[samples.Length / 2]:F3} ms, p99 {samples[(int)(samples.Length * 0.99)]:F3} ms");
        return elapsed;
    }
}

/// <summary>A line the semantic bench times: its description and what a hub may send beside it.</summary>
public sealed record ListingLine(string Description, string? Category = null, IReadOnlyDictionary<string, string>? Attributes = null);
