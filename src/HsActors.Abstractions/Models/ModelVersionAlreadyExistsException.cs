namespace HsActors.Abstractions.Models;

/// <summary>Versions are immutable: publishing an id that is already taken is refused and the stored version is kept.</summary>
public sealed class ModelVersionAlreadyExistsException : ModelRegistryException
{
    public ModelVersionAlreadyExistsException(string chapter, string version, Exception? innerException = null)
        : base(chapter, $"Model version '{version}' of chapter '{chapter}' already exists; published versions are immutable, publish a new version.", innerException)
    {
        Version = version;
    }

    public string Version { get; }
}
