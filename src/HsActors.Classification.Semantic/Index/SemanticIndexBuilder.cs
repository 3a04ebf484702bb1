using HsActors.Classification.Semantic.Encoding;
using HsActors.Corpus;
using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Index;

/// <summary>Encodes labelled rows into an index: the bundled corpus at training time, officers' assessments as they arrive.</summary>
public static class SemanticIndexBuilder
{
    /// <summary>
    /// The rows an index holds: English ones only (the encoder is English; the Indonesian tariff texts would be noise
    /// to it), each distinct text and code once.
    /// </summary>
    public static IReadOnlyList<LabeledDescription> IndexRows(IEnumerable<LabeledDescription> rows) =>
        [.. rows.Where(r => r.Source != DescriptionSources.BtkiIndonesian && !string.IsNullOrWhiteSpace(r.Description))
            .DistinctBy(r => (r.Description.Trim(), r.Code))];

    public static SemanticIndex Build(SentenceEmbedder embedder, IReadOnlyList<LabeledDescription> rows, IProgress<int>? rowsDone = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(rows);
        var embeddings = new float[rows.Count * embedder.Dimensions];
        embedder.Embed([.. rows.Select(r => r.Description)], embeddings, rowsDone);
        return new SemanticIndex(MiniLmResources.EncoderId, embedder.Dimensions,
            [EmbeddingSegment.FromEmbeddings(embedder.Dimensions, [.. rows.Select(r => r.Code.AtMostNationalLine())], embeddings)]);
    }

    /// <summary>Adds assessed descriptions to a live index at once.</summary>
    public static void Add(SemanticIndex index, SentenceEmbedder embedder, IReadOnlyList<(string Description, HsCode Code)> rows)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }
        var embeddings = new float[rows.Count * embedder.Dimensions];
        embedder.Embed([.. rows.Select(r => r.Description)], embeddings);
        index.Add([.. rows.Select(r => r.Code.AtMostNationalLine())], embeddings);
    }
}
