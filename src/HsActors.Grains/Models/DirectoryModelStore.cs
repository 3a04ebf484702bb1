using HsActors.Classification.ModelFiles;
using HsActors.Nomenclature;

namespace HsActors.Grains.Models;

/// <summary>A model directory as written by <see cref="ModelDirectory.Save"/>: the one version it holds is the promoted one.</summary>
public sealed class DirectoryModelStore(string directory) : IModelStore
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public string Describe() => $"directory {Directory}";

    public bool HasModel() => ModelDirectory.Exists(Directory);

    public VersionedRouter ReadRouter()
    {
        var path = Path.Combine(Directory, ModelDirectory.RouterFile);
        if (!File.Exists(path))
        {
            throw new ModelFileException($"No model in {Directory}: {ModelDirectory.RouterFile} is missing.");
        }
        var (router, metadata) = RouterModelFile.Read(File.ReadAllBytes(path), path);
        return new VersionedRouter(router, metadata);
    }

    public VersionedChapter? ReadChapter(HsCode chapter)
    {
        var path = ModelDirectory.ChapterPath(Directory, chapter);
        if (!File.Exists(path))
        {
            return null;
        }
        var (model, metadata) = ChapterModelFile.Read(File.ReadAllBytes(path), path);
        return new VersionedChapter(model, metadata);
    }
}
