namespace HsActors.Grains.Models;

/// <summary>A loaded version under the name the pointer gives it.</summary>
public sealed record ServedVersion(string Name, VersionedChapter Chapter);
