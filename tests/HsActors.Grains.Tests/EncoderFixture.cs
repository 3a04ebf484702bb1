using HsActors.Classification.Semantic;
using HsActors.Classification.Semantic.Encoding;
using HsActors.Nomenclature;

namespace HsActors.Grains.Tests;

/// <summary>The real sentence encoder and language detector, opened once per test class (a third of a second, some 90 MB).</summary>
public sealed class EncoderFixture : IDisposable
{
    public SentenceEmbedder Embedder { get; } = new(new EncoderOptions());

    public IndonesianTextDetector Language { get; } = new(HsNomenclature.Bundled);

    public void Dispose() => Embedder.Dispose();
}
