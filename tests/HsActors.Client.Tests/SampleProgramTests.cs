using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace HsActors.Client.Tests;

/// <summary>Runs the sample program as a separate process against the contract server.</summary>
public sealed class SampleProgramTests : IAsyncLifetime
{
    private ContractServer _server = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("hsactors-sample-").FullName;

    public async Task InitializeAsync() => _server = await ContractServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Classifies_a_file_into_json_lines_in_input_order_skipping_blank_lines()
    {
        var input = Path.Combine(_folder, "in.txt");
        var output = Path.Combine(_folder, "out.jsonl");
        await File.WriteAllLinesAsync(input, ["brass bolt", "", "PVC apron", "clutch discs"]);

        var run = await RunSampleAsync("--url", _server.BaseAddress.ToString(), "--key", ContractServer.ApiKey, "--input", input, "--output", output, "--chunk-size", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = (await File.ReadAllLinesAsync(output)).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal([1L, 3L, 4L], lines.Select(l => l.GetProperty("line").GetInt64()));
        Assert.Equal(["brass bolt", "PVC apron", "clutch discs"], lines.Select(l => l.GetProperty("result").GetProperty("recommendations")[0].GetProperty("descriptionEn").GetString()));
        Assert.Equal([2, 1], _server.BatchSizes);
    }

    [Fact]
    public async Task A_rejected_key_is_reported_with_a_non_zero_exit()
    {
        var input = Path.Combine(_folder, "in.txt");
        await File.WriteAllLinesAsync(input, ["brass bolt"]);

        var run = await RunSampleAsync("--url", _server.BaseAddress.ToString(), "--key", "wrong-key", "--input", input);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("authentication failed", run.Error);
    }

    [Fact]
    public async Task Bad_arguments_are_named_with_a_non_zero_exit()
    {
        var run = await RunSampleAsync("--url", "not-a-url", "--key", "k", "--input", Path.Combine(_folder, "missing.txt"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--url", run.Error);
    }

    private static async Task<SampleRun> RunSampleAsync(params string[] arguments)
    {
        var sample = typeof(SampleProgramTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SampleAssembly").Value!;
        Assert.True(File.Exists(sample), $"the sample was not built where the test project expects it: {sample}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(sample);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new SampleRun(process.ExitCode, await output, await error);
    }

    private sealed record SampleRun(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
    }
}
