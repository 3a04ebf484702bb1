using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Retraining;
using HsActors.Grains.Retraining;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace HsActors.Grains;

/// <summary>
/// Retrains one key (chapter or router). Orleans keeps one activation in the cluster, which replaces any election of
/// an owner. Two rules make a key due: a timer sees <see cref="IChapterTraining.Threshold"/> assessments waiting, or
/// the <see cref="DeadlineReminder"/>, registered when the first of them was seen, fires after
/// <see cref="RetrainingOptions.MaxDelay"/>. The reminder is durable: when this grain's silo dies, it reactivates the
/// grain on another silo, which resumes from the checkpoint every version records (the stream offset it was trained
/// through), so nothing acknowledged is lost and nothing is trained in twice. Training runs off the grain's scheduler;
/// the grain is reentrant, so status calls are answered while it runs.
/// </summary>
[Reentrant]
public sealed class ChapterRetrainerGrain(
    IChapterTraining training, RetrainingOptions options, ILocalSiloDetails silo, TimeProvider time, ILogger<ChapterRetrainerGrain> logger)
    : Grain, IChapterRetrainerGrain, IRemindable
{
    public const string DeadlineReminder = "retraining-deadline";

    private long? _through;
    private bool _running;
    private DateTimeOffset _notBefore;
    private bool _deadlineSet;
    private RetrainingOutcome? _last;
    private string? _lastError;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Registered by an earlier activation, perhaps on a silo that has died since: its schedule stands.
        _deadlineSet = await this.GetReminder(DeadlineReminder) is not null;
        this.RegisterGrainTimer(_ => CheckAsync(deadlineReached: false), new GrainTimerCreationOptions(options.CheckInterval, options.CheckInterval)
        {
            Interleave = true,
        });
    }

    public Task WakeAsync() => CheckAsync(deadlineReached: false);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == DeadlineReminder)
        {
            await CheckAsync(deadlineReached: true);
        }
    }

    public async Task<bool> RequestAsync()
    {
        if (_running)
        {
            return false;
        }
        await EnsureCheckpointAsync();
        Start();
        return true;
    }

    public async Task<RetrainingStatus> GetStatusAsync()
    {
        await EnsureCheckpointAsync();
        return new RetrainingStatus(Key, training.Pending(Key, _through!.Value), _through.Value, _running, silo.SiloAddress.ToString(), _deadlineSet, _last, _lastError);
    }

    private async Task CheckAsync(bool deadlineReached)
    {
        if (_running || time.GetUtcNow() < _notBefore)
        {
            return;
        }
        try
        {
            await EnsureCheckpointAsync();
            var pending = training.Pending(Key, _through!.Value);
            if (pending == 0)
            {
                await ClearDeadlineAsync();
                return;
            }
            if (!_deadlineSet)
            {
                // Period as long as the delay: if a run fails, the next tick tries again.
                await this.RegisterOrUpdateReminder(DeadlineReminder, options.MaxDelay, options.MaxDelay);
                _deadlineSet = true;
            }
            if (pending >= training.Threshold(Key) || deadlineReached)
            {
                Start();
            }
        }
        catch (Exception e)
        {
            // The next timer tick or wake tries again.
            logger.LogWarning(e, "Could not look whether {Key} is due for retraining.", Key);
        }
    }

    private async Task EnsureCheckpointAsync() =>
        _through ??= await training.AssessmentsThroughAsync(Key, CancellationToken.None);

    private void Start()
    {
        _running = true;
        // Not awaited by the caller (a timer tick, a wake, an admin request); its continuations return to this
        // activation, so the fields below are only ever touched by the grain's own turns.
        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        // A run may outlast the idle collection age; the activation must be there when it ends.
        DelayDeactivation(TimeSpan.FromHours(1));
        try
        {
            var outcome = await training.RetrainAsync(Key, CancellationToken.None);
            _last = outcome;
            _lastError = null;
            _through = Math.Max(_through ?? 0, outcome.AssessmentsThrough);
            if (training.Pending(Key, _through.Value) == 0)
            {
                await ClearDeadlineAsync();
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Retraining {Key} failed; it is tried again after {Delay}.", Key, options.MaxDelay);
            _lastError = e.Message;
            _notBefore = time.GetUtcNow() + options.MaxDelay;
        }
        finally
        {
            _running = false;
            DelayDeactivation(TimeSpan.Zero);
        }
    }

    private async Task ClearDeadlineAsync()
    {
        if (!_deadlineSet)
        {
            return;
        }
        _deadlineSet = false;
        if (await this.GetReminder(DeadlineReminder) is { } deadline)
        {
            await this.UnregisterReminder(deadline);
        }
    }
}
