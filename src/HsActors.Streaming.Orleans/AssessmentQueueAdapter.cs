using HsActors.Abstractions.Streaming;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace HsActors.Streaming.Orleans;

/// <summary>
/// The assessment log as an Orleans queue, read-only: assessments enter the log through
/// <see cref="IAssessmentStream.AppendAsync"/>, which acknowledges only what is durably stored, and Orleans delivers them
/// from there. One queue, so the consumers see the log's total order.
/// </summary>
public sealed class AssessmentQueueAdapter(string name, IAssessmentStream log, IStreamOffsetStore checkpoints, int dedupWindow, ILoggerFactory loggers)
    : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadOnly;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) => new AssessmentQueueReceiver(
        log, checkpoints, CheckpointName(queueId), StreamId.Create(AssessmentStreams.Namespace, AssessmentStreams.Key), dedupWindow,
        loggers.CreateLogger<AssessmentQueueReceiver>());

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException("Assessments enter the stream through IAssessmentStream.AppendAsync, which acknowledges only durable appends.");

    /// <summary>The checkpoint's name in the offset store.</summary>
    public static string CheckpointName(QueueId queueId) => $"orleans-{queueId}";
}
