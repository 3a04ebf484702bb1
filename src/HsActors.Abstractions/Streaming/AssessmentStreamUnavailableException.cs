namespace HsActors.Abstractions.Streaming;

/// <summary>
/// The stream cannot confirm an append right now (its broker is restarting or unreachable). The append was not
/// acknowledged; retrying it with the same assessment id after <see cref="RetryAfter"/> is safe, because appends are
/// idempotent on the id.
/// </summary>
public sealed class AssessmentStreamUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
    : Exception(message, innerException)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
