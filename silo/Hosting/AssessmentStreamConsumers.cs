using HsActors.Abstractions.Streaming;
using HsActors.Grains.Assessments;
using Microsoft.Extensions.Options;

namespace HsActors.Silo.Hosting;

/// <summary>
/// The silo's two durable consumers of the assessment stream: importer statistics (exactly-once through the offsets
/// stored with the deltas) and the override table (idempotent upserts, so replays after a restart re-apply what a crash
/// may have cut short). Each resumes from its saved offset and is restarted with a back-off when it fails.
/// </summary>
internal sealed class AssessmentStreamConsumers(
    IAssessmentStream stream, IStreamOffsetStore offsets, ImporterAssessmentProjection statistics, OverrideProjection overrides,
    SiloReadiness readiness, IOptions<AssessmentIngressOptions> options, ILogger<AssessmentStreamConsumers> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        RunAsync(ImporterAssessmentProjection.ConsumerName, statistics.ApplyAsync, needsModel: false, stoppingToken),
        RunAsync(OverrideProjection.ConsumerName, overrides.ApplyAsync, needsModel: true, stoppingToken));

    private async Task RunAsync(string name, Func<StreamEntry, CancellationToken, ValueTask> process, bool needsModel, CancellationToken stoppingToken)
    {
        var delay = options.Value.Assessments.ConsumerRetryDelay;
        try
        {
            if (needsModel)
            {
                // Override keys are the router model's cleansing of the description.
                await readiness.WhenReadyAsync(stoppingToken).ConfigureAwait(false);
            }
            while (true)
            {
                var consumer = new StreamConsumer(stream, offsets, name);
                try
                {
                    logger.LogInformation("Assessment consumer {Consumer} starting.", name);
                    await consumer.RunAsync(process, stoppingToken).ConfigureAwait(false);
                    return; // the stream ended (it is being closed)
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Assessment consumer {Consumer} failed at offset {Offset}; restarting in {Delay}.", name, consumer.NextOffset, delay);
                    await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                    delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }
}
