using System.CommandLine;
using HsActors.Classification.ModelFiles;

namespace HsActors.Cli;

/// <summary>The <c>hs</c> command line: verbs, parsing, and the one place failures become messages and exit codes.</summary>
public static class HsCommandLine
{
    /// <param name="http">The HTTP handler the silo verbs use; null = a plain client (tests pass an in-memory server's).</param>
    public static RootCommand Build(CliConsole console, HttpMessageHandler? http = null) => new("HsActors: ranked 8-digit HS code (BTKI) recommendations for customs goods descriptions.")
    {
        TrainCommand.Create(console),
        ClassifyCommand.Create(console),
        EvaluateCommand.Create(console),
        ModelsCommand.Create(console, http),
    };

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default, HttpMessageHandler? http = null)
    {
        ParseResult parsed;
        try
        {
            parsed = Build(console, http).Parse(args);
        }
        catch (InvalidOperationException e)
        {
            // A validator met a value the parser could not convert; the message names option and value.
            await console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await console.Error.WriteLineAsync($"error: {error.Message}");
            }
            await console.Error.WriteLineAsync("Run 'hs --help' or 'hs <verb> --help' for usage.");
            return ExitCodes.Usage;
        }
        try
        {
            try
            {
                return await parsed.InvokeAsync(new InvocationConfiguration
                {
                    Output = console.Out,
                    Error = console.Error,
                    EnableDefaultExceptionHandler = false,
                }, cancellationToken);
            }
            catch (AggregateException e) when (e.Flatten().InnerExceptions.Count > 0)
            {
                // Parallel batches wrap what went wrong; the first cause is the message the user needs.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.Flatten().InnerExceptions[0]);
                throw;
            }
        }
        catch (CliUsageException e)
        {
            await console.Error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (ModelFileException e)
        {
            await console.Error.WriteLineAsync($"error: unreadable model: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("cancelled.");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            // Users get the message; a stack trace only helps whoever is debugging the tool.
            await console.Error.WriteLineAsync($"error: {e.Message}");
            if (Environment.GetEnvironmentVariable("HS_DEBUG") is "1")
            {
                await console.Error.WriteLineAsync(e.ToString());
            }
            return ExitCodes.Failure;
        }
    }
}
