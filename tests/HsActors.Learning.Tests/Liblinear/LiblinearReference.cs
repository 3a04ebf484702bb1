using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace HsActors.Learning.Tests.Liblinear;

/// <summary>What one liblinear-train run printed and how long it took (process start and file parsing included).</summary>
public sealed record LiblinearTrainRun(IReadOnlyList<double> Objectives, IReadOnlyList<int> Iterations, TimeSpan Elapsed, string Output);

/// <summary>Wall-clock training times of liblinear-train -s 1 and LinearSvcTrainer on the same rows.</summary>
public sealed record SvcTrainingTimeComparison(int Rows, int Classes, int Features, TimeSpan Liblinear, TimeSpan OursSingleThread,
    TimeSpan OursAllCores, IReadOnlyList<double> LiblinearObjectives)
{
    public override string ToString() =>
        $"{Rows} rows, {Classes} classes, {Features} features, -s 1 -c 1 -e 0.1 -B 1: " +
        $"liblinear-train {Liblinear.TotalMilliseconds:F0} ms (1 thread, incl. process start and file parsing); " +
        $"LinearSvcTrainer {OursSingleThread.TotalMilliseconds:F0} ms on 1 thread, {OursAllCores.TotalMilliseconds:F0} ms on {Environment.ProcessorCount} cores";
}

/// <summary>
/// Drives the real LIBLINEAR command-line tools (Debian package liblinear-tools) so our learners can be checked and
/// timed against them. Missing tools raise an exception naming the package, so callers fail loudly.
/// </summary>
public static partial class LiblinearReference
{
    public const string TrainTool = "liblinear-train";
    public const string PredictTool = "liblinear-predict";

    /// <summary>Writes the rows as liblinear-train reads them (1-based feature ids).</summary>
    public static void WriteSvmLight(string path, IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels)
    {
        using var writer = new StreamWriter(path);
        SvmLightFormat.Write(writer, rows, labels);
    }

    /// <summary>Runs liblinear-train (without -q, so per-class objectives are printed and parsed).</summary>
    public static LiblinearTrainRun Train(string dataPath, string modelPath, string options)
    {
        var stopwatch = Stopwatch.StartNew();
        var output = Run(TrainTool, $"{options} \"{dataPath}\" \"{modelPath}\"");
        stopwatch.Stop();
        var objectives = ObjectiveLine().Matches(output)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var iterations = IterationLine().Matches(output)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        return new LiblinearTrainRun(objectives, iterations, stopwatch.Elapsed, output);
    }

    /// <summary>
    /// Times liblinear-train -s 1 -c 1 -e 0.1 -B 1 against <see cref="LinearSvcTrainer"/> with the same settings
    /// (svmlight file written to <paramref name="workDirectory"/> first, outside the timing).
    /// </summary>
    public static SvcTrainingTimeComparison CompareSvcTrainingTime(IReadOnlyList<SparseVector> rows, int[] labels, int classCount,
        int featureCount, string workDirectory)
    {
        var dataPath = Path.Combine(workDirectory, "svc-timing.txt");
        WriteSvmLight(dataPath, rows, labels);
        var run = Train(dataPath, Path.Combine(workDirectory, "svc-timing.model"), "-s 1 -c 1 -e 0.1 -B 1");

        TimeSpan TimeOurs(int maxDegreeOfParallelism)
        {
            var stopwatch = Stopwatch.StartNew();
            LinearSvcTrainer.Train(rows, labels, classCount, featureCount,
                new LinearSvcOptions { C = 1, Tolerance = 0.1, Bias = 1, MaxDegreeOfParallelism = maxDegreeOfParallelism });
            return stopwatch.Elapsed;
        }
        var single = TimeOurs(1);
        var parallel = TimeOurs(0);
        return new SvcTrainingTimeComparison(rows.Count, classCount, featureCount, run.Elapsed, single, parallel, run.Objectives);
    }

    public static SvcTrainingTimeComparison CompareSvcTrainingTime(SyntheticDataSet data, string workDirectory) =>
        CompareSvcTrainingTime(data.Rows, data.Labels, data.ClassCount, data.FeatureCount, workDirectory);

    /// <summary>Runs liblinear-predict and returns the predicted label of every row of <paramref name="dataPath"/>.</summary>
    public static int[] Predict(string dataPath, string modelPath, string outputPath)
    {
        Run(PredictTool, $"\"{dataPath}\" \"{modelPath}\" \"{outputPath}\"");
        return File.ReadLines(outputPath)
            .Where(line => line.Length > 0)
            .Select(line => int.Parse(line, CultureInfo.InvariantCulture))
            .ToArray();
    }

    private static string Run(string tool, string arguments)
    {
        var executable = FindOnPath(tool) ?? throw new InvalidOperationException(
            $"'{tool}' was not found on PATH. Install the Debian package liblinear-tools (apt-get install liblinear-tools).");
        var start = new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {arguments} exited with code {process.ExitCode}: {stderr.Result}{stdout}");
        }
        return stdout;
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);

    [GeneratedRegex(@"Objective value = (\S+)")]
    private static partial Regex ObjectiveLine();

    [GeneratedRegex(@"#iter = (\d+)")]
    private static partial Regex IterationLine();
}
