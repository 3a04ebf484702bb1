using HsActors.Fuzzing;

namespace HsActors.Corpus.Tests;

/// <summary>
/// Whatever file a user hands in, the importer either reads it, every bad row counted and reported with a line and a
/// reason, or refuses it as a whole with the one documented exception (InvalidDataException: empty, or no description
/// or code column); it never fails any other way, and never yields a row that is not a training row.
/// </summary>
public sealed class DeclarationImporterFuzzTests : IDisposable
{
    private const int NormalRun = 600;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Any_file_is_read_row_by_row_or_refused_as_a_whole()
    {
        var failures = new List<string>();
        foreach (var (number, file) in SeededSamples.Of(DeclarationFileCases.Any, NormalRun))
        {
            var path = Path.Combine(_directory.Path, $"case-{number}{file.Extension}");
            await File.WriteAllBytesAsync(path, file.Content);
            if (await ProblemAsync(path) is { } problem)
            {
                failures.Add($"#{number} {file}\n  -> {problem}");
            }
            File.Delete(path);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    /// <summary>Found by the fuzzer: GetString threw InvalidOperationException and ended the whole import.</summary>
    [Theory]
    [InlineData("declarations.jsonl", "{\"description\":\"\\ud800\",\"code\":\"09012100\"}\n{\"description\":\"green coffee\",\"code\":\"09011100\"}\n")]
    [InlineData("declarations.json", "[{\"\\udc00\":\"x\",\"description\":\"pepper\",\"code\":\"09041100\"},{\"description\":\"green coffee\",\"code\":\"09011100\"}]")]
    public async Task An_escaped_lone_surrogate_is_a_malformed_row_and_the_import_goes_on(string name, string content)
    {
        var path = Path.Combine(_directory.Path, name);
        await File.WriteAllTextAsync(path, content);
        var report = new ImportReport();
        var rows = new List<LabeledDescription>();

        await foreach (var row in DeclarationImporter.ReadAsync(path, report))
        {
            rows.Add(row);
        }

        Assert.Equal("green coffee", Assert.Single(rows).Description);
        var (line, reason) = Assert.Single(report.Errors);
        Assert.Equal(1, line);
        Assert.Contains("lone surrogate", reason, StringComparison.Ordinal);
    }

    private static async Task<string?> ProblemAsync(string path)
    {
        var report = new ImportReport();
        var rows = new List<LabeledDescription>();
        try
        {
            await foreach (var row in DeclarationImporter.ReadAsync(path, report))
            {
                rows.Add(row);
            }
        }
        catch (InvalidDataException refused)
        {
            return string.IsNullOrWhiteSpace(refused.Message) ? "refused without saying why" : null;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message}";
        }
        if (report.Accepted != rows.Count)
        {
            return $"{report.Accepted} accepted but {rows.Count} rows read";
        }
        if (report.Errors.Count != Math.Min(report.Malformed, ImportReport.MaxErrorEntries))
        {
            return $"{report.Malformed} malformed but {report.Errors.Count} reported";
        }
        if (report.Errors.FirstOrDefault(e => e.Line < 1 || string.IsNullOrWhiteSpace(e.Reason)) is { Reason: not null } unclear)
        {
            return $"a malformed row reported as line {unclear.Line}: '{unclear.Reason}'";
        }
        if (rows.FirstOrDefault(r => string.IsNullOrWhiteSpace(r.Description) || r.Description != r.Description.Trim() || r.Code.Level is not (6 or 8)) is { } bad)
        {
            return $"a row that is not a training row: '{bad.Description}' as {bad.Code}";
        }
        return null;
    }
}
