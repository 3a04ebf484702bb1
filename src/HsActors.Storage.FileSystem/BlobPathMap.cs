using HsActors.Abstractions.Blobs;

namespace HsActors.Storage.FileSystem;

/// <summary>
/// Maps blob names to files under the root: every segment but the last is a directory, the last gets the ".blob"
/// suffix. The suffix lets "a" and "a/b" coexist (file a.blob next to directory a) as they do in Azure.
/// </summary>
internal sealed class BlobPathMap
{
    public const string BlobSuffix = ".blob";

    public BlobPathMap(string rootDirectory)
    {
        Root = Path.GetFullPath(rootDirectory);
    }

    public string Root { get; }

    public string ToPath(string name)
    {
        BlobNames.Validate(name);
        var segments = name.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            // Directory "x.blob" would collide with the file of blob "x".
            if (segments[i].EndsWith(BlobSuffix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Blob name '{name}': a directory segment may not end in '{BlobSuffix}' in the file-system store.", nameof(name));
            }
        }

        var path = Path.GetFullPath(Path.Combine(Root, Path.Combine(segments) + BlobSuffix));
        // Defence in depth: validation already excludes "..", but the store must never touch anything outside its root.
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Blob name '{name}' resolves outside the store root.", nameof(name));
        }

        return path;
    }

    /// <summary>The blob name of a file found under the root, or <c>null</c> for files that are not blobs (temp files, the lock).</summary>
    public string? ToName(string path)
    {
        if (!path.EndsWith(BlobSuffix, StringComparison.Ordinal))
        {
            return null;
        }

        var relative = Path.GetRelativePath(Root, path);
        var name = relative[..^BlobSuffix.Length].Replace(Path.DirectorySeparatorChar, '/');
        return name.Length == 0 ? null : name;
    }

    /// <summary>Deepest existing-or-not directory that can hold every blob starting with <paramref name="prefix"/>.</summary>
    public string DirectoryForPrefix(string prefix)
    {
        var lastSlash = prefix.LastIndexOf('/');
        if (lastSlash <= 0)
        {
            return Root;
        }

        var directory = prefix[..lastSlash];
        if (directory.Split('/').Any(s => s.Length == 0 || s is "." or ".."))
        {
            // Such prefixes can match no valid name; enumerating the root and filtering keeps the result right (empty).
            return Root;
        }

        return Path.Combine(Root, directory.Replace('/', Path.DirectorySeparatorChar));
    }
}
