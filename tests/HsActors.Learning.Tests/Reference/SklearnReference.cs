using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HsActors.Learning.Tests.Reference;

/// <summary>
/// Runs Reference/tfidf_reference.py under a python3 that has scikit-learn (Debian: apt-get install python3-sklearn).
/// The interpreter is $HSACTORS_PYTHON, else /usr/bin/python3, else python3 on PATH, whichever first runs the script
/// without a missing module; when none does, the calling test fails with a message saying what to install.
/// </summary>
internal static class SklearnReference
{
    private static volatile string? _python;   // the interpreter that last ran the script successfully
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "Reference", "tfidf_reference.py");

    public static IReadOnlyList<string> GoodsDescriptions() =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reference", "goods_descriptions.txt"))
            .Where(line => line.Length > 0).ToList();

    public static JsonNode Run(JsonObject request)
    {
        Assert.True(File.Exists(ScriptPath), $"Reference script missing from the test output: {ScriptPath}");
        var remembered = _python;
        var candidates = remembered is not null
            ? [remembered]
            : new[] { Environment.GetEnvironmentVariable("HSACTORS_PYTHON"), "/usr/bin/python3", "python3" }
                .Where(c => !string.IsNullOrWhiteSpace(c)).Cast<string>().ToArray();
        var rejected = new List<string>();
        foreach (var python in candidates)
        {
            (int ExitCode, string Stdout, string Stderr) result;
            try
            {
                result = Execute(python, [ScriptPath], request.ToJsonString());
            }
            catch (System.ComponentModel.Win32Exception)
            {
                rejected.Add($"{python}: not installed");
                continue;
            }
            if (result.ExitCode != 0 && result.Stderr.Contains("ModuleNotFoundError", StringComparison.Ordinal))
            {
                rejected.Add($"{python}: {result.Stderr.Trim().Split('\n')[^1]}");
                continue;
            }
            Assert.True(result.ExitCode == 0, $"{ScriptPath} failed under {python} with exit code {result.ExitCode}:\n{result.Stderr}");
            _python = python;
            return JsonNode.Parse(result.Stdout) ?? throw new InvalidDataException($"{ScriptPath} printed no JSON.");
        }
        Assert.Fail("No python3 with scikit-learn found; install it with `apt-get install python3-sklearn` "
            + $"or point HSACTORS_PYTHON at an interpreter that has sklearn. Tried: {string.Join("; ", rejected)}");
        throw new InvalidOperationException("unreachable");
    }

    private static (int ExitCode, string Stdout, string Stderr) Execute(string fileName, IEnumerable<string> arguments, string? stdin)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }
        process.StandardInput.Close();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{fileName} did not finish within {Timeout.TotalSeconds} s.");
        }
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static JsonArray ToJsonArray<T>(IEnumerable<T> items) => new([.. items.Select(i => JsonValue.Create(i))]);
}
