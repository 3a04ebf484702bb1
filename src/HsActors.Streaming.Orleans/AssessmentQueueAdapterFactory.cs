using HsActors.Abstractions.Streaming;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace HsActors.Streaming.Orleans;

/// <summary>Orleans' extension point for a persistent stream provider, put together from Orleans' own cache and queue mapper.</summary>
public sealed class AssessmentQueueAdapterFactory(
    string name, IAssessmentStream log, IStreamOffsetStore checkpoints, int dedupWindow, ILoggerFactory loggers) : IQueueAdapterFactory
{
    private readonly SimpleQueueAdapterCache _cache = new(new SimpleQueueCacheOptions(), name, loggers);
    private readonly HashRingBasedStreamQueueMapper _queues = new(new HashRingStreamQueueMapperOptions { TotalQueueCount = 1 }, name);

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        Task.FromResult<IQueueAdapter>(new AssessmentQueueAdapter(name, log, checkpoints, dedupWindow, loggers));

    [Obsolete("Orleans calls the overload with a cancellation token.")]
    public Task<IQueueAdapter> CreateAdapter() => CreateAdapter(CancellationToken.None);

    // Never give up on an entry: the agent retries its delivery (the provider sets no time limit) rather than skip it.
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) =>
        Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler(false));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _queues;
}
