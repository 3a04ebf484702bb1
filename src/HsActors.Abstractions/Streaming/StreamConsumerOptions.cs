namespace HsActors.Abstractions.Streaming;

public sealed record StreamConsumerOptions
{
    /// <summary>Save the offset at least after this many processed entries (it is also saved whenever the consumer
    /// has caught up with the stream, and when it stops).</summary>
    public int CommitEvery { get; init; } = 64;

    /// <summary>How many entries before the resume offset are re-read (ids only) on start so that a duplicate
    /// published just before a restart is still recognised. 0 turns the look-back off (fine for the local log, whose
    /// append is idempotent, so it never holds duplicates).</summary>
    public int DedupWindow { get; init; } = 10_000;

    /// <summary>Where a consumer that never saved an offset starts.</summary>
    public long InitialOffset { get; init; }
}
