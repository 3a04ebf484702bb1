namespace HsActors.Abstractions.Models;

/// <summary>
/// The version's bytes (or manifest) fail their checksum. The version is refused: the chapter keeps serving the version it
/// already has, and the caller reports this fault.
/// </summary>
public sealed class ModelVersionCorruptedException : ModelRegistryException
{
    public ModelVersionCorruptedException(string chapter, string version, string detail, Exception? innerException = null)
        : base(chapter, $"Model version '{version}' of chapter '{chapter}' is corrupted and refused: {detail}", innerException)
    {
        Version = version;
        Detail = detail;
    }

    public string Version { get; }

    /// <summary>Why, without the chapter and version (which the message adds).</summary>
    public string Detail { get; }
}
