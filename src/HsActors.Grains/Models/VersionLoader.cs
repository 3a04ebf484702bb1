using HsActors.Abstractions.Blobs;
using HsActors.Abstractions.Grains;
using HsActors.Abstractions.Models;
using HsActors.Classification.ModelFiles;

namespace HsActors.Grains.Models;

/// <summary>Which load failures mean "refuse this version and keep the previous one" rather than a bug to surface.</summary>
internal static class VersionLoader
{
    public static bool IsRefusal(Exception e) =>
        e is ModelVersionCorruptedException or ModelVersionNotFoundException or ModelFileException or BlobStoreException or InvalidDataException;

    public static ModelLoadFault Fault(string version, Exception e, DateTimeOffset at) => new(version, e.Message, at);
}
