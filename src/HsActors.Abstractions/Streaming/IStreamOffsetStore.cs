namespace HsActors.Abstractions.Streaming;

/// <summary>Durable position of each named consumer: the next offset it has not yet processed.</summary>
public interface IStreamOffsetStore
{
    /// <returns>The saved next offset, or null when the consumer never saved one.</returns>
    ValueTask<long?> LoadAsync(string consumer, CancellationToken cancellationToken = default);

    /// <summary>Durably records that every entry below <paramref name="nextOffset"/> has been processed.</summary>
    ValueTask SaveAsync(string consumer, long nextOffset, CancellationToken cancellationToken = default);
}
