using HsActors.Grains.Models;
using Microsoft.Extensions.Logging;

namespace HsActors.Grains.Serving;

/// <summary>
/// The backstop behind the pointer hub: a slow poll of the model store's pointers, so a change whose notice was lost
/// (the hub's activation moved while it was published) still reaches this silo within one poll. Each changed key is
/// refreshed beside the poll, so a slow load never delays another chapter's change.
/// </summary>
public sealed class ModelPointerFollower(ModelCache models, TimeSpan interval, ILogger<ModelPointerFollower> logger, SemanticIndexLoader? semantic = null)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var key in models.Store.WatchAsync(interval, cancellationToken).ConfigureAwait(false))
                {
                    _ = RefreshAsync(key, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Watching the model pointers in the {Store} failed; retrying in {Delay}.", models.Store.Describe(), RetryDelay);
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>What a pushed notice and a poll both end in; failures are logged, the next notice or poll tries again.</summary>
    public async Task RefreshAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            if (key == SemanticStage.RegistryKey)
            {
                if (semantic is not null)
                {
                    await semantic.RefreshAsync(cancellationToken).ConfigureAwait(false);
                }
                return;
            }
            await models.RefreshAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "Refreshing the model of {Key} after a pointer change failed.", key);
        }
    }
}
