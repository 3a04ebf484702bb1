namespace HsActors.Classification.Training;

public readonly record struct TrainingProgress(string Stage, int Done, int Total);
