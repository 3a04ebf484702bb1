namespace HsActors.ModelRegistry;

public sealed record BlobModelRegistryOptions
{
    /// <summary>Clock of version ids, manifests and audit records.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Changes kept in each pointer's history (older ones belong to the silo's audit trail).</summary>
    public int HistoryLimit { get; init; } = Abstractions.Models.ChapterPointer.DefaultHistoryLimit;

    /// <summary>Attempts of a change without expected etag before it gives up with ConcurrentPointerUpdateException.</summary>
    public int MaxChangeAttempts { get; init; } = 100;
}
