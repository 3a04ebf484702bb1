using HsActors.Abstractions.Grains;
using HsActors.Grains.Classification;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Models;

/// <summary>
/// One watch of the model store per silo, fanned out to the grains it concerns: each changed key refreshes its
/// chapter grain (or the router) if this silo has it activated; an inactive chapter reads its pointer when it
/// activates. Refreshes run beside the watch, at most one at a time per key, so a slow load never delays another
/// chapter's change.
/// </summary>
public sealed class ModelPointerFollower(IModelStore store, ChapterGrainDirectory chapters, IGrainFactory grains, TimeSpan interval, ILogger<ModelPointerFollower> logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, Task> _refreshing = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Set once the router grain is serving, so pointer notices before start-up finished do not activate it.</summary>
    public bool RouterActivated { get; set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var key in store.WatchAsync(interval, cancellationToken).ConfigureAwait(false))
                {
                    Dispatch(key);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Watching the model pointers in {Store} failed; retrying in {Delay}.", store.Describe(), RetryDelay);
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Dispatch(string key)
    {
        Func<Task>? refresh = key == IModelStore.RouterKey
            ? RouterActivated ? () => grains.GetGrain<IRouterGrain>(IRouterGrain.Key).RefreshAsync() : null
            : chapters.IsActivated(key) ? () => grains.GetGrain<IChapterGrain>(key).RefreshAsync() : null;
        if (refresh is null)
        {
            return;
        }
        lock (_gate)
        {
            // Chained after a refresh still running for the key: it re-reads the pointer, so nothing is missed.
            var previous = _refreshing.GetValueOrDefault(key) ?? Task.CompletedTask;
            _refreshing[key] = previous.ContinueWith(_ => RefreshAsync(key, refresh), CancellationToken.None,
                TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    private async Task RefreshAsync(string key, Func<Task> refresh)
    {
        try
        {
            await refresh().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Refreshing the model of {Key} after a pointer change failed.", key);
        }
    }
}
