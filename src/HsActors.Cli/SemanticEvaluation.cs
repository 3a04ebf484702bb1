using HsActors.Classification.Evaluation;
using HsActors.Classification.Semantic;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Evaluation;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Classification.Semantic.Index;
using HsActors.Nomenclature;

namespace HsActors.Cli;

/// <summary><c>hs evaluate --model DIR --data FILE --semantic FIELDS</c>: every mode of the semantic stage on the same lines.</summary>
public static class SemanticEvaluation
{
    private const int RankingDepth = 10;

    public static async Task<int> RunAsync(CliConsole console, string modelDirectory, string dataFile, string fields, string? reportDirectory,
        RowLimits limits, CancellationToken cancellationToken)
    {
        var (useCategory, useAttributes) = fields switch
        {
            "title" => (false, false),
            "title+category" => (true, false),
            "title+category+attributes" => (true, true),
            _ => throw new CliUsageException($"--semantic takes title, title+category or title+category+attributes, not '{fields}'."),
        };
        var listings = await ReadAsync(console, dataFile, limits, cancellationToken);
        var hierarchy = ModelLoader.Open(modelDirectory);
        using var embedder = new SentenceEmbedder(new EncoderOptions { IntraOpThreads = Environment.ProcessorCount });
        var options = new FusionOptions();
        var classifier = ModelLoader.OpenSemantic(hierarchy, embedder, modelDirectory, line => console.Error.WriteLine(line), options, cacheCapacity: 1_000_000);
        var index = classifier.Index;
        var evaluations = await StageProgressDisplay.RunAsync(console, progress =>
        {
            var scored = SemanticEvaluator.Evaluate(classifier, listings, RankingDepth, useCategory, useAttributes, out var consulted, out var indonesian,
                new SynchronousProgress<int>(n => progress.Report(new StageReport("ranking every mode", n, listings.Count))));
            return (scored, consulted, indonesian);
        });
        var report = new EvaluationReport(
            $"Semantic stage of {modelDirectory} on {Path.GetFileName(dataFile)}",
            [
                new("model", Path.GetFullPath(modelDirectory)),
                new("data", $"{Path.GetFullPath(dataFile)} ({listings.Count:N0} labelled lines, scored at 2, 4 and 6 digits)"),
                new("encoder", $"{MiniLmResources.EncoderId}, own ONNX Runtime session, reading {fields}"),
                new("index", $"{index.Count:N0} rows, int8, {index.VectorBytes / (double)(1 << 20):F1} MiB"),
                new("fusion", $"{options.Neighbours} neighbours, temperature {options.Temperature}, semantic weight {options.SemanticWeight}, level weights {options.ChapterWeight} / {options.HeadingWeight} / {options.SubheadingWeight}, cascade below p {options.CascadeThreshold}"),
                new("ranking depth", $"{RankingDepth} subheadings per line"),
                .. EvaluateCommand.LimitsSetup(limits),
            ],
            evaluations.Item1,
            [$"The cascade consulted the encoder for {evaluations.Item2:N0} of {listings.Count:N0} lines ({evaluations.Item2 * 100.0 / Math.Max(1, listings.Count):F1} %); the language gate took {evaluations.Item3:N0} lines as Indonesian (the hierarchy's answer kept in every mode).",
             "Ranking times include the encoder only the first time a line is seen: the semantic-alone row encodes each line, the fused rows reuse its cached embedding. Speed is measured by the bench's semantic verb."],
            DateTimeOffset.UtcNow);
        return await EvaluateCommand.FinishAsync(console, report, reportDirectory);
    }

    private static async Task<IReadOnlyList<MarketplaceListing>> ReadAsync(CliConsole console, string dataFile, RowLimits limits, CancellationToken cancellationToken)
    {
        if (!File.Exists(dataFile))
        {
            throw new CliUsageException($"--data file '{dataFile}' does not exist.");
        }
        if (MarketplaceListingFile.Recognises(dataFile))
        {
            var listings = MarketplaceListingFile.Read(dataFile, out var skipped);
            await console.Error.WriteLineAsync($"{listings.Count:N0} marketplace listings read from {dataFile}, {skipped:N0} without a title or a code of 6 digits skipped.");
            return limits.MaxRows is { } max ? [.. listings.Take(max)] : listings;
        }
        var rows = limits.Apply(await DeclarationFiles.ReadAsync([dataFile], console, cancellationToken));
        return [.. rows.Select(r => new MarketplaceListing(r.Description, null, new Dictionary<string, string>(), r.Code))];
    }
}
