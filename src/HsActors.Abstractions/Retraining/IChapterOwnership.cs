namespace HsActors.Abstractions.Retraining;

/// <summary>
/// Which chapter keys (two digits, or "router") this silo retrains. In a cluster exactly one silo owns a chapter at a
/// time (arbitrated by a single-active-consumer queue per chapter), so a candidate is never trained twice.
/// </summary>
public interface IChapterOwnership
{
    /// <summary>
    /// Whether this silo retrains <paramref name="key"/> now. Cheap and non-blocking: an implementation that has to
    /// compete for the key starts competing on the first question and answers false until it has won.
    /// </summary>
    bool Owns(string key);
}
