using HsActors.Classification.Hierarchy;
using HsActors.Classification.ModelFiles;
using HsActors.Classification.Semantic;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Fusion;
using HsActors.Classification.Semantic.Index;
using HsActors.Nomenclature;

namespace HsActors.Cli;

/// <summary>Opens a model directory given on the command line, with messages that say what is wrong with it.</summary>
public static class ModelLoader
{
    public static HierarchicalClassifier Open(string directory)
    {
        if (File.Exists(directory))
        {
            throw new CliUsageException($"--model '{directory}' is a file; give the directory `hs train --out` wrote.");
        }
        if (!Directory.Exists(directory))
        {
            throw new CliUsageException($"--model directory '{directory}' does not exist. Train one with `hs train --out {directory}`.");
        }
        return ModelDirectory.Open(directory, new HierarchyOptions());
    }

    /// <summary>
    /// The hierarchy with the semantic stage beside it: the directory's <c>semantic.hsm</c>, encoded from the bundled
    /// corpus first when it is missing (minutes, with progress on <paramref name="log"/>).
    /// </summary>
    public static SemanticClassifier OpenSemantic(HierarchicalClassifier hierarchy, SentenceEmbedder embedder, string directory, Action<string> log,
        FusionOptions? options = null, int cacheCapacity = 100_000) =>
        new(hierarchy, embedder, SemanticIndexDirectory.LoadOrBuild(directory, embedder, log), new IndonesianTextDetector(HsNomenclature.Bundled),
            options ?? new FusionOptions(), new EmbeddingCache(cacheCapacity));
}
