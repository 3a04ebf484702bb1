namespace HsActors.Abstractions.Streaming;

/// <summary>
/// The durable, replayable log of assessments. Offsets are dense ordinals starting at 0 in append order.
/// </summary>
public interface IAssessmentStream : IAsyncDisposable
{
    /// <summary>
    /// Durably writes <paramref name="record"/> and returns its offset only once it survives a crash (the HTTP 202
    /// is sent after this completes). Idempotent on <see cref="AssessmentRecord.AssessmentId"/>: a second append of
    /// the same id writes nothing and returns the first offset with <c>Duplicate = true</c>.
    /// </summary>
    ValueTask<StreamAppendResult> AppendAsync(AssessmentRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Yields the entries from <paramref name="fromOffset"/> on in offset order, then keeps waiting for new ones
    /// until <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    IAsyncEnumerable<StreamEntry> ReadAsync(long fromOffset, CancellationToken cancellationToken = default);
}
