namespace HsActors.Streaming.LocalLog;

public sealed record LocalLogOptions
{
    /// <summary>Largest accepted encoded assessment; larger appends are rejected, larger lengths on disk are corruption.</summary>
    public int MaxRecordBytes { get; init; } = 1 << 20;

    /// <summary>Upper bound of one group commit (one write + one fsync). It also bounds a torn tail: the bytes of an
    /// unfinished batch are all the tail a crash can leave behind.</summary>
    public int MaxBatchBytes { get; init; } = 4 << 20;

    /// <summary>
    /// How long <see cref="LocalLogAssessmentStream.Open"/> keeps trying while another stream holds the log. A host that
    /// restarts in place may open the log while its previous instance is still closing it; zero fails at once.
    /// </summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.Zero;

    /// <summary>Runs under the write lock just before a batch is written, so a test can hold a commit in flight and
    /// queue appends behind it: whether they share the next fsync must not depend on how fast the disk is.</summary>
    internal Action? BeforeBatchWrite { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(LockWait, TimeSpan.Zero, nameof(LockWait));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecordBytes, 64, nameof(MaxRecordBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchBytes, MaxRecordBytes + LogRecordFormat.HeaderSize, nameof(MaxBatchBytes));
    }
}
