using System.Diagnostics;
using HsActors.Classification.ModelFiles;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Index;

/// <summary>The index beside a model directory's router and chapter files (<c>semantic.hsm</c>), built from the bundled corpus when missing.</summary>
public static class SemanticIndexDirectory
{
    public static string PathIn(string modelDirectory) => Path.Combine(modelDirectory, SemanticIndexFile.FileName);

    public static SemanticIndex Load(string modelDirectory)
    {
        var path = PathIn(modelDirectory);
        return SemanticIndexFile.ReadForThisEncoder(File.ReadAllBytes(path), path, "; delete it to rebuild").Index;
    }

    /// <summary>
    /// Loads the index, or builds it from the bundled corpus (minutes on one core, with progress) and saves it: when
    /// there is none, or when another encoder (an earlier build's) wrote the one there.
    /// </summary>
    public static SemanticIndex LoadOrBuild(string modelDirectory, SentenceEmbedder embedder, Action<string>? log = null)
    {
        var existing = PathIn(modelDirectory);
        if (File.Exists(existing))
        {
            var (found, _) = SemanticIndexFile.Read(File.ReadAllBytes(existing), existing);
            if (SemanticIndexFile.IsThisEncoders(found))
            {
                return found;
            }
            log?.Invoke($"{existing} was built by '{found.EncoderId}', not by this build's encoder: encoding the bundled corpus again.");
        }
        var rows = SemanticIndexBuilder.IndexRows(BundledCorpus.All(HsNomenclature.Bundled));
        log?.Invoke($"building the semantic index: {rows.Count:N0} bundled rows ...");
        var clock = Stopwatch.StartNew();
        var index = SemanticIndexBuilder.Build(embedder, rows, new SynchronousRowProgress(done =>
        {
            if (done % 2048 == 0 || done == rows.Count)
            {
                log?.Invoke($"  {done:N0}/{rows.Count:N0} rows encoded after {clock.Elapsed.TotalSeconds:F0} s");
            }
        }));
        var metadata = new ModelMetadata
        {
            Version = "semantic-" + DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture),
            CreatedAt = DateTimeOffset.UtcNow,
            CreatedBy = MiniLmResources.EncoderId,
            TrainingRows = rows.Count,
            Figures = new Dictionary<string, double> { ["buildSeconds"] = clock.Elapsed.TotalSeconds },
        };
        var path = PathIn(modelDirectory);
        File.WriteAllBytes(path + ".tmp", SemanticIndexFile.Write(index, metadata));
        File.Move(path + ".tmp", path, overwrite: true);
        log?.Invoke($"semantic index of {index.Count:N0} rows built in {clock.Elapsed.TotalSeconds:F1} s, {index.VectorBytes / (1 << 20):F1} MiB of int8 vectors");
        return index;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class SynchronousRowProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
