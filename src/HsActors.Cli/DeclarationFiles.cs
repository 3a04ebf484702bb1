using HsActors.Corpus;
using HsActors.Text;
using Spectre.Console;

namespace HsActors.Cli;

/// <summary>Reads labelled declaration files and tells the user what was accepted and what was not, with line numbers.</summary>
public static class DeclarationFiles
{
    private const int ErrorsShown = 5;

    public static async Task<List<LabeledDescription>> ReadAsync(IEnumerable<string> paths, CliConsole console, CancellationToken cancellationToken)
    {
        var rows = new List<LabeledDescription>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new CliUsageException(Directory.Exists(path) ? $"--data '{path}' is a directory, not a file." : $"--data file '{path}' does not exist.");
            }
            var report = new ImportReport();
            try
            {
                await foreach (var row in DeclarationImporter.ReadAsync(path, report, cancellationToken: cancellationToken))
                {
                    rows.Add(row);
                }
            }
            catch (InvalidDataException e)
            {
                throw new CliUsageException($"--data file '{path}' cannot be read as declarations: {e.Message}");
            }
            Show(console, path, report);
        }
        return rows;
    }

    public static void Show(CliConsole console, string path, ImportReport report)
    {
        var table = new Table().Title($"Import of {Markup.Escape(path)}").AddColumn("accepted").AddColumn("malformed");
        table.AddRow($"{report.Accepted:N0}", $"{report.Malformed:N0}");
        console.RichError.Write(table);
        foreach (var (line, reason) in report.Errors.Take(ErrorsShown))
        {
            // A reason quotes the row (its code, its date), which came from the user's file.
            console.Error.WriteLine($"  line {line}: {LogText.Escape(reason)}");
        }
        if (report.Malformed > ErrorsShown)
        {
            console.Error.WriteLine($"  … and {report.Malformed - ErrorsShown:N0} more malformed rows.");
        }
    }
}
