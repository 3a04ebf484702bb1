using HsActors.Cli;
using HsActors.Corpus;

namespace HsActors.Classification.Tests;

/// <summary>The import report quotes rows of the user's file; on the terminal they are escaped.</summary>
public sealed class ImportReportDisplayTests
{
    [Fact]
    public async Task A_malformed_rows_reason_is_printed_escaped()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hsactors-report-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllTextAsync(path, "description,code\ncoffee,\u001b]0;owned\u0007\u001b[2J\n");
            var report = new ImportReport();
            await foreach (var _ in DeclarationImporter.ReadAsync(path, report))
            {
            }
            using var output = new StringWriter();
            using var error = new StringWriter();

            DeclarationFiles.Show(new CliConsole(output, error, interactive: false), path, report);

            var printed = error.ToString();
            Assert.DoesNotContain('\u001b', printed);
            Assert.Contains("\\u001B]0;owned\\u0007\\u001B[2J", printed, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
