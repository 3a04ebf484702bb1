using System.Net;
using System.Text;
using System.Text.Json;
using HsActors.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace HsActors.Client.Sample;

/// <summary>Reads descriptions line by line, classifies them in batches through the SDK and writes JSON lines.</summary>
internal static class FileClassification
{
    public const string ApiKeyVariable = "HSACTORS_API_KEY";

    private static readonly JsonSerializerOptions JsonLines = new(JsonSerializerDefaults.Web);

    public sealed record Settings(Uri Url, string? ApiKey, FileInfo Input, FileInfo? Output, int ChunkSize);

    /// <summary>One output line: where the description came from, and the service's answer.</summary>
    private sealed record ResultLine(long Line, string Description, ClassifyResponse Result);

    public static async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (BadArgument(settings) is { } problem)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {problem}");
            return ExitCode.BadArguments;
        }

        var services = new ServiceCollection();
        services.AddHsActorsClient(options =>
        {
            options.BaseAddress = settings.Url;
            options.ApiKey = settings.ApiKey;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHsActorsClient>();

        var totalLines = CountLines(settings.Input);
        var written = 0L;
        var blank = 0L;
        try
        {
            await using var output = OpenOutput(settings.Output);
            await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var bar = progress.AddTask($"Classifying {settings.Input.Name}", maxValue: Math.Max(totalLines, 1));
                    var chunk = new List<(long Line, string Description)>(settings.ChunkSize);
                    var lineNumber = 0L;
                    await foreach (var text in File.ReadLinesAsync(settings.Input.FullName, cancellationToken))
                    {
                        lineNumber++;
                        if (string.IsNullOrWhiteSpace(text))
                        {
                            blank++;
                            bar.Increment(1);
                            continue;
                        }

                        chunk.Add((lineNumber, text.Trim()));
                        if (chunk.Count == settings.ChunkSize)
                        {
                            written += await ClassifyChunkAsync(client, chunk, output, cancellationToken);
                            bar.Increment(chunk.Count);
                            chunk.Clear();
                        }
                    }

                    written += await ClassifyChunkAsync(client, chunk, output, cancellationToken);
                    bar.Increment(chunk.Count);
                });
        }
        catch (HsActorsApiException rejected) when (rejected.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            console.MarkupLineInterpolated($"[red]authentication failed:[/] the service refused the API key ({(int)rejected.StatusCode} {rejected.Title}).");
            return ExitCode.AuthenticationFailed;
        }
        catch (HsActorsApiException rejected)
        {
            console.MarkupLineInterpolated($"[red]the service failed:[/] {rejected.Message}");
            ReportPartialOutput(console, settings, written);
            return ExitCode.ServiceError;
        }
        catch (Exception unreachable) when (unreachable is HttpRequestException or TimeoutException)
        {
            console.MarkupLineInterpolated($"[red]cannot reach {settings.Url}:[/] {unreachable.Message}");
            ReportPartialOutput(console, settings, written);
            return ExitCode.ServiceUnreachable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine("[yellow]cancelled.[/]");
            ReportPartialOutput(console, settings, written);
            return ExitCode.Cancelled;
        }

        console.MarkupLineInterpolated(
            $"[green]{written}[/] lines classified, {blank} blank lines skipped, results in {settings.Output?.FullName ?? "standard output"}.");
        return ExitCode.Success;
    }

    private static string? BadArgument(Settings settings)
    {
        if (!settings.Input.Exists)
        {
            return $"--input {settings.Input.FullName} does not exist.";
        }

        if (string.IsNullOrWhiteSpace(settings.ApiKey))
        {
            return $"no API key: pass --key or set {ApiKeyVariable}.";
        }

        if (settings.Output?.Directory is { Exists: false } folder)
        {
            return $"--output folder {folder.FullName} does not exist.";
        }

        if (settings.Output is { } output && string.Equals(output.FullName, settings.Input.FullName, StringComparison.Ordinal))
        {
            return "--output must not overwrite --input.";
        }

        return null;
    }

    private static long CountLines(FileInfo input)
    {
        var count = 0L;
        foreach (var _ in File.ReadLines(input.FullName))
        {
            count++;
        }

        return count;
    }

    private static StreamWriter OpenOutput(FileInfo? output) =>
        output is null
            ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true }
            : new StreamWriter(output.FullName, append: false, new UTF8Encoding(false));

    private static async Task<long> ClassifyChunkAsync(
        IHsActorsClient client, List<(long Line, string Description)> chunk, StreamWriter output, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return 0;
        }

        var requests = chunk.ConvertAll(line => new ClassifyRequest { Id = line.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), Description = line.Description });
        var results = await client.ClassifyBatchAsync(requests, cancellationToken);
        for (var i = 0; i < chunk.Count; i++)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new ResultLine(chunk[i].Line, chunk[i].Description, results[i]), JsonLines));
        }

        return chunk.Count;
    }

    private static void ReportPartialOutput(IAnsiConsole console, Settings settings, long written)
    {
        if (written > 0 && settings.Output is { } output)
        {
            console.MarkupLineInterpolated($"[yellow]{written} lines were written to {output.FullName} before the failure; the rest were not classified.[/]");
        }
    }

    public static class ExitCode
    {
        public const int Success = 0;
        public const int BadArguments = 2;
        public const int AuthenticationFailed = 3;
        public const int ServiceError = 4;
        public const int ServiceUnreachable = 5;
        public const int Cancelled = 130;
    }
}
