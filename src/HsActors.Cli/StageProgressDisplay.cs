using HsActors.Classification.Evaluation;
using Spectre.Console;

namespace HsActors.Cli;

/// <summary>
/// Runs CPU-bound work on a worker thread while showing its stages: live progress bars on a terminal, one line per
/// stage otherwise (logs and pipes get something readable, not cursor codes).
/// </summary>
public static class StageProgressDisplay
{
    public static async Task<T> RunAsync<T>(CliConsole console, Func<IProgress<StageReport>, T> work)
    {
        if (!console.Interactive)
        {
            var lines = new StageLines(console.Error);
            return await Task.Run(() => work(new SynchronousProgress<StageReport>(lines.Report)));
        }
        return await console.RichError.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bars = new StageBars(context);
                return await Task.Run(() => work(new SynchronousProgress<StageReport>(bars.Report)));
            });
    }

    private sealed class StageBars(ProgressContext context)
    {
        private readonly Dictionary<string, ProgressTask> _tasks = [];
        private readonly Lock _gate = new();

        public void Report(StageReport report)
        {
            lock (_gate)
            {
                var key = StageKey(report.Stage);
                if (!_tasks.TryGetValue(key, out var task))
                {
                    task = context.AddTask(Markup.Escape(report.Stage), maxValue: Math.Max(report.Total, 1));
                    _tasks[key] = task;
                }
                // Earlier stages that never reported their end are over once a later one speaks.
                foreach (var other in _tasks.Values.Where(t => t != task && !t.IsFinished))
                {
                    other.Value = other.MaxValue;
                }
                task.Description = Markup.Escape(report.Stage);
                task.MaxValue = Math.Max(report.Total, 1);
                task.Value = Math.Min(report.Done, task.MaxValue);
                if (report.Total == 0)
                {
                    task.IsIndeterminate = true;
                }
            }
        }

        /// <summary>"[fold 2/5] hierarchy: router" and "[fold 3/5] hierarchy: router" share one bar.</summary>
        private static string StageKey(string stage) => stage.StartsWith('[') && stage.IndexOf(']') is var end and > 0 ? stage[(end + 1)..] : stage;
    }

    /// <summary>A line when a stage starts and at every tenth of a long stage, with the time since the stage began.</summary>
    private sealed class StageLines(TextWriter writer)
    {
        private readonly Lock _gate = new();
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private string? _stage;
        private TimeSpan _stageStart;
        private int _tenths;

        public void Report(StageReport report)
        {
            lock (_gate)
            {
                if (report.Stage != _stage)
                {
                    _stage = report.Stage;
                    _stageStart = _clock.Elapsed;
                    _tenths = 0;
                    writer.WriteLine(report.Total > 0 ? $"  {report.Stage} ({report.Total:N0})" : $"  {report.Stage}");
                    return;
                }
                if (report.Total < 50)
                {
                    return;
                }
                var tenths = (int)(10L * report.Done / report.Total);
                if (tenths > _tenths)
                {
                    _tenths = tenths;
                    writer.WriteLine($"    {report.Done:N0}/{report.Total:N0} after {(_clock.Elapsed - _stageStart).TotalSeconds:N0} s");
                }
            }
        }
    }
}
