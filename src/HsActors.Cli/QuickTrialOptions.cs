using System.CommandLine;

namespace HsActors.Cli;

/// <summary>The hidden --limit-chapters / --max-rows pair, shared by train and evaluate.</summary>
public sealed class QuickTrialOptions
{
    public Option<string> LimitChapters { get; } = new("--limit-chapters")
    {
        Description = "Only rows of these chapters, e.g. 84,87 (for tests and quick trials).",
        Hidden = true,
    };

    public Option<int?> MaxRows { get; } = new("--max-rows")
    {
        Description = "At most N rows, a deterministic sample (for tests and quick trials).",
        Hidden = true,
    };

    public void AddTo(Command command)
    {
        command.Add(LimitChapters);
        command.Add(MaxRows);
    }

    public RowLimits Read(ParseResult parsed)
    {
        var max = parsed.GetValue(MaxRows);
        if (max is < 1)
        {
            throw new CliUsageException($"--max-rows must be at least 1, not {max}.");
        }
        return new RowLimits(ChapterList.Parse(parsed.GetValue(LimitChapters), "--limit-chapters"), max);
    }
}
