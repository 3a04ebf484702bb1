namespace HsActors.Classification.ModelFiles;

/// <summary>Who made a model, from what, and when; travels inside the file so a blob explains itself.</summary>
public sealed record ModelMetadata
{
    public string Version { get; init; } = "";

    public string? ParentVersion { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string CreatedBy { get; init; } = "";

    public int TrainingRows { get; init; }

    public IReadOnlyDictionary<string, double> Figures { get; init; } = new Dictionary<string, double>();
}
