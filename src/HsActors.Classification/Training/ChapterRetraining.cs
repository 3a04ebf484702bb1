using HsActors.Classification.Hierarchy;

namespace HsActors.Classification.Training;

/// <summary>A retrained chapter model, the state to warm-start the next retraining from, and whether this one was warm.</summary>
public sealed record ChapterRetraining(ChapterModel Model, ChapterTrainingState State, bool WarmStarted, TimeSpan Elapsed);
