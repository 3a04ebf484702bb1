using HsActors.Abstractions.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streams;

namespace HsActors.Streaming.Orleans;

/// <summary>Registers the assessment log (whichever <see cref="IAssessmentStream"/> the silo has) as an Orleans persistent stream provider.</summary>
public static class AssessmentStreamProvider
{
    /// <param name="dedupWindow">Entries before the checkpoint re-read on start to recognise duplicates (0 for a log that holds none).</param>
    public static ISiloBuilder AddAssessmentStreams(this ISiloBuilder silo, int dedupWindow, TimeSpan pollInterval)
    {
        silo.AddPersistentStreams(AssessmentStreams.ProviderName,
            (services, name) => new AssessmentQueueAdapterFactory(name, services.GetRequiredService<IAssessmentStream>(),
                services.GetRequiredService<IStreamOffsetStore>(), dedupWindow, services.GetRequiredService<ILoggerFactory>()),
            stream =>
            {
                // Consumers subscribe implicitly (by namespace), so no pub-sub store is needed.
                stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                stream.Configure<StreamPullingAgentOptions>(options => options.Configure(o =>
                {
                    o.GetQueueMsgsTimerPeriod = pollInterval;
                    // An entry that cannot be delivered yet (its consumer's silo just died) is retried, never skipped.
                    o.MaxEventDeliveryTime = TimeSpan.FromDays(3650);
                }));
                stream.Configure<HashRingStreamQueueMapperOptions>(options => options.Configure(o => o.TotalQueueCount = 1));
            });
        return silo;
    }
}
