using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HsActors.Classification.ModelFiles;
using HsActors.Classification.Training;
using HsActors.Corpus;
using HsActors.Nomenclature;
using Spectre.Console;

namespace HsActors.Cli;

/// <summary><c>hs train</c>: router and chapter models from the bundled corpus plus the user's declarations.</summary>
public static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Option<string[]>("--data")
        {
            Description = "Labelled declarations to train on besides the bundled corpus (CSV with header, or JSON lines); repeatable.",
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string>("--out") { Description = "Directory to write the model to.", Required = true };
        var noCalibration = new Option<bool>("--no-calibration")
        {
            Description = "Skip the held-out fit of softmax temperatures (about half the training time; probabilities less trustworthy).",
        };
        var trial = new QuickTrialOptions();
        var blend = new RouterBlendOptions();
        var command = new Command("train", "Train the router and the chapter models and save them to a model directory.") { data, output, noCalibration };
        trial.AddTo(command);
        blend.AddTo(command);
        command.SetAction((parsed, cancellationToken) => RunAsync(console,
            parsed.GetValue(data) ?? [], parsed.GetRequiredValue(output), blend.Apply(parsed, NoCalibration(parsed.GetValue(noCalibration))), trial.Read(parsed), cancellationToken));
        return command;
    }

    private static TrainingOptions NoCalibration(bool noCalibration) =>
        noCalibration ? new TrainingOptions { CalibrationHoldout = 0 } : new TrainingOptions();

    private static async Task<int> RunAsync(CliConsole console, string[] dataFiles, string outputDirectory, TrainingOptions options,
        RowLimits limits, CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        if (File.Exists(outputDirectory))
        {
            throw new CliUsageException($"--out '{outputDirectory}' is a file; give a directory.");
        }
        var declarations = await DeclarationFiles.ReadAsync(dataFiles, console, cancellationToken);
        var rows = limits.Apply(BundledCorpus.All(HsNomenclature.Bundled).Concat(declarations));
        if (rows.Count == 0)
        {
            throw new CliUsageException($"No training rows are left ({limits.Describe()}).");
        }
        await console.Error.WriteLineAsync(
            $"Training on {rows.Count:N0} rows ({declarations.Count:N0} from --data){(limits.Any ? $" — quick trial: {limits.Describe()}" : "")}.");

        var set = await StageProgressDisplay.RunAsync(console, progress =>
            new HierarchicalTrainer(options, new Classification.Evaluation.SynchronousProgress<TrainingProgress>(
                p => progress.Report(new StageReport(p.Stage, p.Done, p.Total)))).Train(rows));

        var now = DateTimeOffset.UtcNow;
        var metadata = new ModelMetadata
        {
            Version = now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
            CreatedAt = now,
            CreatedBy = "hs train",
            TrainingRows = set.Summary.Rows,
            Figures = new Dictionary<string, double>
            {
                ["routerTemperature"] = set.Summary.RouterTemperature,
                ["subheadingTemperature"] = set.Summary.SubheadingTemperature,
                ["nationalLineTemperature"] = set.Summary.NationalLineTemperature,
                ["trainingSeconds"] = set.Summary.Elapsed.TotalSeconds,
            },
        };
        ModelDirectory.Save(set, outputDirectory, metadata);
        console.Rich.Write(SummaryTable(set.Summary, metadata.Version, outputDirectory));
        await console.Out.WriteLineAsync($"Wall time: {wall.Elapsed.TotalSeconds:0.0} s.");
        return ExitCodes.Success;
    }

    private static Table SummaryTable(TrainingSummary s, string version, string directory)
    {
        var table = new Table().Title("Training summary").AddColumn("").AddColumn(new TableColumn("").RightAligned());
        table.ShowHeaders = false;
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("model directory", directory);
        Row("version", version);
        Row("training rows", $"{s.Rows:N0}");
        Row("empty after cleansing (dropped)", $"{s.EmptyAfterCleansing:N0}");
        Row("TF-IDF features", $"{s.Features:N0}");
        Row("chapters", $"{s.Chapters:N0}");
        Row("subheadings (6 digits)", $"{s.Subheadings:N0}");
        Row("national lines (8 digits)", $"{s.NationalLines:N0}");
        Row("router temperature", $"{s.RouterTemperature:0.###}");
        Row("subheading temperature", $"{s.SubheadingTemperature:0.###}");
        Row("national-line temperature", $"{s.NationalLineTemperature:0.###}");
        Row("training time", $"{s.Elapsed.TotalSeconds:0.0} s");
        return table;
    }
}
