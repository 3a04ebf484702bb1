using HsActors.Classification.Hierarchy;
using HsActors.Classification.ModelFiles;

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
}
