namespace HsActors.ModelRegistry;

/// <summary>The registry's layout: <c>models/{chapter}/{version}</c>, its <c>.manifest.json</c>, and <c>pointers/{chapter}.json</c>.</summary>
internal static class ModelBlobNames
{
    public const string ModelsPrefix = "models/";
    public const string PointersPrefix = "pointers/";
    public const string ManifestSuffix = ".manifest.json";
    public const string PointerSuffix = ".json";

    public static string VersionPrefix(string chapter) => ModelsPrefix + chapter + "/";

    public static string Version(string chapter, string version) => VersionPrefix(chapter) + version;

    public static string Manifest(string chapter, string version) => Version(chapter, version) + ManifestSuffix;

    public static string Pointer(string chapter) => PointersPrefix + chapter + PointerSuffix;

    /// <summary>The version id of a manifest blob listed under <see cref="VersionPrefix"/>; null for model blobs and foreign names.</summary>
    public static string? VersionOfManifest(string chapter, string blobName) =>
        blobName.EndsWith(ManifestSuffix, StringComparison.Ordinal) ? VersionOf(chapter, blobName) : null;

    /// <summary>The version a model blob or its manifest belongs to; null for anything else.</summary>
    public static string? VersionOf(string chapter, string blobName)
    {
        var prefix = VersionPrefix(chapter);
        if (!blobName.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var version = blobName[prefix.Length..];
        version = version.EndsWith(ManifestSuffix, StringComparison.Ordinal) ? version[..^ManifestSuffix.Length] : version;
        return ModelKeys.IsValid(version, ModelKeys.MaxVersionLength) ? version : null;
    }

    /// <summary>The chapter of a blob under <c>models/</c> or a pointer document; null for anything else.</summary>
    public static string? ChapterOf(string blobName)
    {
        string? chapter = null;
        if (blobName.StartsWith(ModelsPrefix, StringComparison.Ordinal))
        {
            var end = blobName.IndexOf('/', ModelsPrefix.Length);
            chapter = end < 0 ? null : blobName[ModelsPrefix.Length..end];
        }
        else if (blobName.StartsWith(PointersPrefix, StringComparison.Ordinal) && blobName.EndsWith(PointerSuffix, StringComparison.Ordinal))
        {
            chapter = blobName[PointersPrefix.Length..^PointerSuffix.Length];
        }

        return ModelKeys.IsValid(chapter, ModelKeys.MaxChapterLength) ? chapter : null;
    }
}
