using Spectre.Console;

namespace HsActors.Cli;

/// <summary>
/// Where a command writes: plain text and machine output to <see cref="Out"/>, messages and progress to
/// <see cref="Error"/>, and Spectre renderings of each. Passed in rather than global so tests can run commands
/// in-process, side by side.
/// </summary>
public sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, bool interactive)
    {
        Out = output;
        Error = error;
        Interactive = interactive;
        Rich = Create(output, interactive);
        RichError = Create(error, interactive);
    }

    public const int RedirectedWidth = 200;

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>False when output is redirected (files, pipes, tests): no live progress bars, no colours.</summary>
    public bool Interactive { get; }

    public IAnsiConsole Rich { get; }

    public IAnsiConsole RichError { get; }

    public static CliConsole Standard() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected && !Console.IsErrorRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            // A file or pipe has no width; Spectre would assume 80 columns and wrap every table row into a tower.
            console.Profile.Width = RedirectedWidth;
        }
        return console;
    }
}
