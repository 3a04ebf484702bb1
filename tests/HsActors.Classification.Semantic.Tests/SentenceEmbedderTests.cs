using System.Numerics.Tensors;

namespace HsActors.Classification.Semantic.Tests;

public sealed class SentenceEmbedderTests(EncoderFixture fixture) : IClassFixture<EncoderFixture>
{
    [Fact]
    public void EmbeddingsAreUnitLengthAndPlaceParaphrasesNearer()
    {
        var bag = fixture.Embedder.Embed("women's leather handbag");
        var paraphrase = fixture.Embedder.Embed("handbags with outer surface of leather");
        var fish = fixture.Embedder.Embed("frozen fillets of cod");
        Assert.Equal(1f, TensorPrimitives.Norm(bag), 3);
        Assert.True(TensorPrimitives.Dot(bag, paraphrase) > TensorPrimitives.Dot(bag, fish) + 0.2f);
    }

    [Fact]
    public void BatchedEmbeddingsEqualOneAtATimeWhateverTheLengths()
    {
        string[] texts = ["bolt", "stainless steel hexagon bolts with nuts and washers for furniture assembly", "cotton t-shirt", "usb cable", "ceramic mug with handle"];
        var batched = new float[texts.Length * fixture.Embedder.Dimensions];
        fixture.Embedder.Embed(texts, batched);
        for (var i = 0; i < texts.Length; i++)
        {
            var alone = fixture.Embedder.Embed(texts[i]);
            Assert.True(TensorPrimitives.Dot(alone, batched.AsSpan(i * alone.Length, alone.Length)) > 0.9999f, texts[i]);
        }
    }
}
