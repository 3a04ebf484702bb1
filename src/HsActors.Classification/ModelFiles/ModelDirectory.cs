using System.Text.Json;
using HsActors.Classification.Hierarchy;
using HsActors.Classification.Training;
using HsActors.Nomenclature;

namespace HsActors.Classification.ModelFiles;

/// <summary>
/// A trained model set on local disk: <c>router.hsm</c>, <c>chapters/NN.hsm</c> and a readable <c>summary.json</c>.
/// </summary>
public static class ModelDirectory
{
    public const string RouterFile = "router.hsm";
    public const string SummaryFile = "summary.json";

    public static string ChapterPath(string directory, HsCode chapter) => Path.Combine(directory, "chapters", chapter.Digits + ".hsm");

    public static void Save(TrainedModelSet set, string directory, ModelMetadata metadata)
    {
        Directory.CreateDirectory(Path.Combine(directory, "chapters"));
        WriteAtomically(Path.Combine(directory, RouterFile), RouterModelFile.Write(set.Router, metadata));
        foreach (var chapter in set.Chapters)
        {
            WriteAtomically(ChapterPath(directory, chapter.Chapter), ChapterModelFile.Write(chapter, metadata));
        }
        File.WriteAllText(Path.Combine(directory, SummaryFile),
            JsonSerializer.Serialize(new { metadata, set.Summary }, new JsonSerializerOptions { WriteIndented = true }));
    }

    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, RouterFile));

    /// <summary>
    /// The model format of the directory's router file when this build cannot read it (a model left by a much older
    /// or a newer build); null when it is readable or there is no router file. Reads only the header.
    /// </summary>
    public static ushort? OutdatedFormat(string directory)
    {
        var path = Path.Combine(directory, RouterFile);
        if (!File.Exists(path))
        {
            return null;
        }
        Span<byte> header = stackalloc byte[6];
        using (var stream = File.OpenRead(path))
        {
            header = header[..stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false)];
        }
        var version = ModelEnvelope.ReadFormatVersion(header);
        return version is { } found && !ModelEnvelope.IsReadable(found) ? found : null;
    }

    /// <summary>Reads the router now and each chapter on first use, so start-up and memory grow with the traffic's chapters.</summary>
    public static HierarchicalClassifier Open(string directory, HierarchyOptions options)
    {
        var routerPath = Path.Combine(directory, RouterFile);
        if (!File.Exists(routerPath))
        {
            throw new ModelFileException($"No model in {directory}: {RouterFile} is missing. Train one with `hs train --out {directory}`.");
        }
        var (router, _) = RouterModelFile.Read(File.ReadAllBytes(routerPath), routerPath);
        return new HierarchicalClassifier(router, new LazyChapterModels(chapter =>
        {
            var path = ChapterPath(directory, chapter);
            return File.Exists(path) ? ChapterModelFile.Read(File.ReadAllBytes(path), path).Chapter : null;
        }), options);
    }

    private static void WriteAtomically(string path, byte[] content)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
