using HsActors.Abstractions.Streaming;
using HsActors.Grains.Assessments;
using HsActors.Streaming.Orleans;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace HsActors.Grains;

/// <summary>
/// The consumer of the assessment stream: Orleans activates it (key <see cref="AssessmentStreams.Key"/>) by its implicit
/// subscription and hands it every entry in log order, one at a time. It counts the entry into the importer's statistics
/// (exactly once, by the offset the statistics keep) and writes the override row (idempotent). A failure throws, and
/// Orleans delivers the same entry again until it is applied; nothing after it is delivered meanwhile.
/// </summary>
[ImplicitStreamSubscription(AssessmentStreams.Namespace)]
public sealed class AssessmentProjectionGrain(ImporterAssessmentProjection statistics, OverrideProjection overrides)
    : Grain, IGrainWithStringKey, IStreamSubscriptionObserver, IAsyncObserver<StreamEntry>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<StreamEntry>().ResumeAsync(this);

    public async Task OnNextAsync(StreamEntry item, StreamSequenceToken? token = null)
    {
        await statistics.ApplyAsync(item, CancellationToken.None);
        await overrides.ApplyAsync(item, CancellationToken.None);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
