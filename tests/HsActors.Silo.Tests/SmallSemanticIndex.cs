using HsActors.Classification.ModelFiles;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Classification.Semantic.Index;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Silo.Tests;

/// <summary>
/// A real semantic index over the small model's chapters' English rows, encoded by the real encoder (seconds), in a
/// file the silo publishes as its first index version.
/// </summary>
public sealed class SmallSemanticIndex : IDisposable
{
    public const string Version = "semantic-test-1";
    private readonly TempDirectory _directory = new();

    public SmallSemanticIndex()
    {
        var rows = SemanticIndexBuilder.IndexRows(BundledCorpus.All(HsNomenclature.Bundled).Where(r => SmallModel.Chapters.Contains(r.Code.Chapter.Digits)));
        using var embedder = new SentenceEmbedder(new EncoderOptions());
        var index = SemanticIndexBuilder.Build(embedder, rows);
        Rows = index.Count;
        File = Path.Combine(_directory.Path, SemanticIndexFile.FileName);
        System.IO.File.WriteAllBytes(File, SemanticIndexFile.Write(index, new ModelMetadata { Version = Version, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "silo tests", TrainingRows = rows.Count }));
    }

    public string File { get; }

    public int Rows { get; }

    public void Dispose() => _directory.Dispose();
}
