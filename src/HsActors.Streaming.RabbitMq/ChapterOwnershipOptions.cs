namespace HsActors.Streaming.RabbitMq;

/// <summary>How <see cref="RabbitMqChapterOwnership"/> competes for chapters.</summary>
public sealed record ChapterOwnershipOptions
{
    public string QueuePrefix { get; init; } = "hsactors.retrain.chapter.";

    /// <summary>The connection's name as the broker shows it; by default the machine and process.</summary>
    public string? ConnectionName { get; init; }

    /// <summary>"quorum" (survives a broker node's loss in a RabbitMQ cluster) or "classic".</summary>
    public string QueueType { get; init; } = "quorum";

    /// <summary>
    /// How often the owner swaps its token for a fresh one. RabbitMQ closes a channel that keeps a delivery
    /// unacknowledged longer than its <c>consumer_timeout</c> (30 minutes by default), which would move the chapter
    /// for no reason; renewing well inside that keeps ownership where it is.
    /// </summary>
    public TimeSpan TokenRenewal { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Pause before subscribing again after the subscription was lost (broker restart, closed channel).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(QueuePrefix);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TokenRenewal, TimeSpan.Zero, nameof(TokenRenewal));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
    }
}
