using HsActors.Abstractions.Retraining;

namespace HsActors.Grains.Retraining;

/// <summary>
/// What a retrainer grain asks of the silo it is activated on: how many of a key's assessments wait, and a training
/// run over everything the silo has read of the stream. A seam, so grain tests can count runs without training models.
/// </summary>
public interface IChapterTraining
{
    /// <summary>The stream offset the key's newest version was trained through (its durable checkpoint).</summary>
    Task<long> AssessmentsThroughAsync(string key, CancellationToken cancellationToken);

    /// <summary>The key's assessments read at or after <paramref name="fromOffset"/>.</summary>
    int Pending(string key, long fromOffset);

    /// <summary>How many pending assessments make the key due without waiting for its deadline.</summary>
    int Threshold(string key);

    /// <summary>Trains, evaluates and publishes a candidate off the caller's thread; waits for a free training slot first.</summary>
    Task<RetrainingOutcome> RetrainAsync(string key, CancellationToken cancellationToken);
}
