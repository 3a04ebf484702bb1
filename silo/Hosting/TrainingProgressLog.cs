using HsActors.Classification.Training;

namespace HsActors.Silo.Hosting;

/// <summary>Training progress to the log: each stage's start and every tenth of it, not every class.</summary>
internal sealed class TrainingProgressLog(ILogger logger) : IProgress<TrainingProgress>
{
    private readonly Lock _lock = new();
    private string _stage = "";
    private int _lastTenth = -1;

    public void Report(TrainingProgress value)
    {
        lock (_lock)
        {
            var tenth = value.Total > 0 ? value.Done * 10 / value.Total : 0;
            if (value.Stage == _stage && tenth <= _lastTenth)
            {
                return;
            }
            _stage = value.Stage;
            _lastTenth = tenth;
            logger.LogInformation("Training: {Stage} {Done:N0}/{Total:N0}", value.Stage, value.Done, value.Total);
        }
    }
}
