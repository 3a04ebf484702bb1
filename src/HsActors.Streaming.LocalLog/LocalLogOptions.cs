namespace HsActors.Streaming.LocalLog;

public sealed record LocalLogOptions
{
    /// <summary>Largest accepted encoded assessment; larger appends are rejected, larger lengths on disk are corruption.</summary>
    public int MaxRecordBytes { get; init; } = 1 << 20;

    /// <summary>Upper bound of one group commit (one write + one fsync). It also bounds a torn tail: the bytes of an
    /// unfinished batch are all the tail a crash can leave behind.</summary>
    public int MaxBatchBytes { get; init; } = 4 << 20;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRecordBytes, 64, nameof(MaxRecordBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchBytes, MaxRecordBytes + LogRecordFormat.HeaderSize, nameof(MaxBatchBytes));
    }
}
