namespace HsActors.Abstractions.Models;

/// <summary>The version's blob or manifest does not exist, so it cannot be opened, promoted, canaried or shadowed.</summary>
public sealed class ModelVersionNotFoundException : ModelRegistryException
{
    public ModelVersionNotFoundException(string chapter, string version, string detail)
        : base(chapter, $"Model version '{version}' of chapter '{chapter}' cannot be used: {detail}")
    {
        Version = version;
        Detail = detail;
    }

    public string Version { get; }

    /// <summary>Why, without the chapter and version (which the message adds).</summary>
    public string Detail { get; }
}
