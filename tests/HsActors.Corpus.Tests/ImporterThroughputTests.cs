using System.Diagnostics;
using HsActors.Corpus;
using Xunit.Abstractions;

namespace HsActors.Corpus.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThroughputCollection
{
    public const string Name = "throughput (runs alone)";
}

/// <summary>A measurement printed to the test output, not asserted; runs alone so process CPU time is the importer's.</summary>
[Collection(ThroughputCollection.Name)]
public sealed class ImporterThroughputTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Throughput_of_a_simple_csv_is_measured()
    {
        const int rowCount = 200_000;
        var path = Path.Combine(directory.Path, "throughput.csv");
        await DeclarationImporterTests.WriteSimpleCsvAsync(path, rowCount);
        var report = new ImportReport();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long characters = 0;
        await foreach (var row in DeclarationImporter.ReadAsync(path, report))
        {
            characters += row.Description.Length;
        }
        watch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore; // whole process: includes GC and any parallel tests
        Assert.Equal(rowCount, report.Accepted);
        Assert.True(characters > 0);
        output.WriteLine($"{rowCount:N0} rows, {new FileInfo(path).Length / 1e6:F1} MB in {watch.Elapsed.TotalMilliseconds:F0} ms wall: " +
            $"{rowCount / watch.Elapsed.TotalSeconds:N0} rows/s wall; process CPU {cpu.TotalMilliseconds:F0} ms: " +
            $"{rowCount / cpu.TotalSeconds:N0} rows per CPU-second (one enumeration, single thread)");
    }
}
