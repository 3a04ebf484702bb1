using HsActors.Abstractions.Streaming;

namespace HsActors.Streaming.Tests;

internal static class StreamReading
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Reads exactly <paramref name="count"/> entries, failing if they do not arrive in time.</summary>
    public static async Task<List<StreamEntry>> TakeAsync(this IAssessmentStream stream, long fromOffset, int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var entries = new List<StreamEntry>();
        try
        {
            await foreach (var entry in stream.ReadAsync(fromOffset, timeout.Token))
            {
                entries.Add(entry);
                if (entries.Count == count)
                    break;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"Only {entries.Count} of {count} entries from offset {fromOffset} arrived within {Patience}.");
        }
        return entries;
    }

    /// <summary>True when no entry at or after <paramref name="fromOffset"/> shows up within <paramref name="wait"/>.</summary>
    public static async Task<bool> StaysQuietAsync(this IAssessmentStream stream, long fromOffset, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            await foreach (var _ in stream.ReadAsync(fromOffset, timeout.Token))
                return false;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
        }
        return true;
    }
}
