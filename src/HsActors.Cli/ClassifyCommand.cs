using System.CommandLine;
using System.Diagnostics;
using System.Text;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.Listings;
using HsActors.Classification.Semantic;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Index;
using HsActors.Contracts;
using HsActors.Nomenclature;
using Spectre.Console;

namespace HsActors.Cli;

/// <summary>
/// <c>hs classify</c>: a file of descriptions to JSON lines of ranked codes, or one description to a readable table.
/// </summary>
public static class ClassifyCommand
{
    private const int MaxTop = 100;
    private const int BatchSize = 512;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(2);

    public static Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "Model directory written by `hs train`.", Required = true };
        var input = new Option<string>("--input")
        {
            Description = "File with one description per line, or JSON lines with \"description\" and optional \"id\", \"importerId\", \"declaredCode\", \"category\", \"attributes\"; - reads standard input.",
        };
        var top = new Option<int>("--top") { Description = $"How many codes to recommend (1–{MaxTop}).", DefaultValueFactory = _ => 5 };
        var level = new Option<int>("--level")
        {
            Description = "Digits of the recommended codes: 8 (national lines) or 6 (HS subheadings, each at the sum of its lines).",
            DefaultValueFactory = _ => HierarchicalClassifier.NationalLevel,
        };
        var output = new Option<string>("--output") { Description = "Write the JSON lines here instead of standard output." };
        var mode = new Option<string>("--mode")
        {
            Description = "fast (the hierarchy alone), cascade (the sentence encoder where the hierarchy is unsure) or full (every line through it). " +
                "Default: cascade when the model directory has semantic.hsm, else fast; cascade and full build it when missing (minutes).",
        };
        var text = new Argument<string?>("description") { Description = "One goods description to classify (instead of --input).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("classify", "Recommend HS codes for goods descriptions.") { model, input, top, level, output, mode, text };
        command.SetAction((parsed, cancellationToken) =>
        {
            var count = parsed.GetValue(top);
            if (count is < 1 or > MaxTop)
            {
                throw new CliUsageException($"--top must be between 1 and {MaxTop}, not {count}.");
            }
            var digits = parsed.GetValue(level);
            if (digits is not (HierarchicalClassifier.NationalLevel or HierarchicalClassifier.SubheadingLevel))
            {
                throw new CliUsageException($"--level must be {HierarchicalClassifier.SubheadingLevel} or {HierarchicalClassifier.NationalLevel}, not {digits}.");
            }
            var description = parsed.GetValue(text);
            var inputPath = parsed.GetValue(input);
            if (description is not null && inputPath is not null)
            {
                throw new CliUsageException("Give either a description or --input, not both.");
            }
            var directory = parsed.GetRequiredValue(model);
            var stages = Resolve(parsed.GetValue(mode), directory);
            if (inputPath is not null)
            {
                return WithRankerAsync(console, directory, stages, count, digits,
                    rank => ClassifyFileAsync(console, rank, inputPath, parsed.GetValue(output), cancellationToken));
            }
            if (string.IsNullOrWhiteSpace(description))
            {
                throw new CliUsageException("Nothing to classify: give a description in quotes, or --input FILE.");
            }
            if (parsed.GetValue(output) is not null)
            {
                throw new CliUsageException("--output goes with --input; a single description is printed as a table.");
            }
            return WithRankerAsync(console, directory, stages, count, digits, rank => Task.FromResult(ClassifyOne(console, rank, description)));
        });
        return command;
    }

    /// <summary>What ranks one line: its description, category and attributes to the top codes.</summary>
    private delegate ClassificationResult LineRanker(string description, string? category, IReadOnlyDictionary<string, string>? attributes);

    private static ClassificationMode Resolve(string? mode, string directory) => mode switch
    {
        null => File.Exists(SemanticIndexDirectory.PathIn(directory)) ? ClassificationMode.Cascade : ClassificationMode.Fast,
        ClassificationModes.Fast => ClassificationMode.Fast,
        ClassificationModes.Cascade => ClassificationMode.Cascade,
        ClassificationModes.Full => ClassificationMode.Full,
        _ => throw new CliUsageException($"--mode must be {ClassificationModes.Fast}, {ClassificationModes.Cascade} or {ClassificationModes.Full}, not '{mode}'."),
    };

    private static async Task<int> WithRankerAsync(CliConsole console, string directory, ClassificationMode mode, int top, int level, Func<LineRanker, Task<int>> run)
    {
        var hierarchy = ModelLoader.Open(directory);
        if (mode == ClassificationMode.Fast)
        {
            return await run((description, category, attributes) => hierarchy.Classify(ListingText.Compose(description, category, attributes), top, level));
        }
        using var embedder = new SentenceEmbedder(new EncoderOptions { IntraOpThreads = Environment.ProcessorCount });
        var semantic = ModelLoader.OpenSemantic(hierarchy, embedder, directory, line => console.Error.WriteLine(line));
        return await run((description, category, attributes) => semantic.Classify(description, top, level, mode, category, attributes).Result);
    }

    private static int ClassifyOne(CliConsole console, LineRanker rank, string description)
    {
        var result = rank(description, null, null);
        var nomenclature = HsNomenclature.Bundled;
        console.Rich.MarkupLine($"[bold]{Markup.Escape(description)}[/]");
        console.Rich.MarkupLine($"cleansed: [grey]{Markup.Escape(result.CleanedDescription.Length == 0 ? "(nothing left)" : result.CleanedDescription)}[/]");
        var table = new Table().Title("Recommendations")
            .AddColumn("#").AddColumn("code").AddColumn(new TableColumn("probability").RightAligned()).AddColumn("English").AddColumn("Indonesian");
        foreach (var (r, i) in result.Recommendations.Select((r, i) => (r, i)))
        {
            var known = nomenclature.IsValid(r.Code);
            table.AddRow(
                $"{i + 1}", Format(r.Code), $"{r.Probability:0.000}",
                Markup.Escape(known ? nomenclature.ReadableLabelEn(r.Code) : "(not in the bundled nomenclature)"),
                Markup.Escape(known ? nomenclature.ReadableLabelId(r.Code) : ""));
        }
        console.Rich.Write(table);
        var chapters = new Table().Title("Chapters (router)").AddColumn("chapter").AddColumn(new TableColumn("probability").RightAligned()).AddColumn("title");
        foreach (var c in result.Chapters)
        {
            chapters.AddRow(c.Chapter.Digits, $"{c.Probability:0.000}", Markup.Escape(nomenclature.IsValid(c.Chapter) ? nomenclature.ReadableLabelEn(c.Chapter) : ""));
        }
        console.Rich.Write(chapters);
        return ExitCodes.Success;
    }

    private static async Task<int> ClassifyFileAsync(CliConsole console, LineRanker rank, string inputPath, string? outputPath,
        CancellationToken cancellationToken)
    {
        if (inputPath != "-" && !File.Exists(inputPath))
        {
            throw new CliUsageException(Directory.Exists(inputPath) ? $"--input '{inputPath}' is a directory, not a file." : $"--input file '{inputPath}' does not exist.");
        }
        using var reader = inputPath == "-" ? new StreamReader(Console.OpenStandardInput(), Encoding.UTF8) : new StreamReader(inputPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        await using var fileWriter = outputPath is null ? null : new StreamWriter(outputPath, append: false, new UTF8Encoding(false));
        var writer = fileWriter ?? console.Out;

        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        long lineNumber = 0, classified = 0, failed = 0;
        var batch = new List<ClassifyRequest>(BatchSize);
        var results = new string[BatchSize];
        while (true)
        {
            batch.Clear();
            while (batch.Count < BatchSize && await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                batch.Add(ClassifyRequest.Parse(line, ++lineNumber));
            }
            if (batch.Count == 0)
            {
                break;
            }
            Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var request = batch[i];
                results[i] = request.Error is { } error
                    ? ClassifyOutputLine.Error(request.Id, error)
                    : ClassifyOutputLine.Recommendations(request, rank(request.Description!, request.Category, request.Attributes).Recommendations);
            });
            for (var i = 0; i < batch.Count; i++)
            {
                await writer.WriteLineAsync(results[i]);
                if (batch[i].Error is null)
                {
                    classified++;
                }
                else
                {
                    failed++;
                }
            }
            if (clock.Elapsed - lastReport > ProgressInterval)
            {
                lastReport = clock.Elapsed;
                await console.Error.WriteLineAsync($"  {lineNumber:N0} lines ({lineNumber / clock.Elapsed.TotalSeconds:N0}/s)…");
            }
        }
        await writer.FlushAsync(cancellationToken);
        await console.Error.WriteLineAsync(
            $"{lineNumber:N0} lines: {classified:N0} classified, {failed:N0} errors, {clock.Elapsed.TotalSeconds:0.0} s{(outputPath is null ? "" : $" → {outputPath}")}.");
        return lineNumber > 0 && classified == 0 ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static string Format(HsCode code) => code.Level switch
    {
        8 => $"{code.Digits[..4]}.{code.Digits[4..6]}.{code.Digits[6..]}",
        6 => $"{code.Digits[..4]}.{code.Digits[4..]}",
        _ => code.Digits,
    };
}
