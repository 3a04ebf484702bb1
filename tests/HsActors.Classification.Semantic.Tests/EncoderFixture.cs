using HsActors.Classification.Semantic.Encoding;

namespace HsActors.Classification.Semantic.Tests;

/// <summary>One real MiniLM session for the test class (loading the graph takes a second).</summary>
public sealed class EncoderFixture : IDisposable
{
    public SentenceEmbedder Embedder { get; } = new(new EncoderOptions { IntraOpThreads = 1 });

    public void Dispose() => Embedder.Dispose();
}
