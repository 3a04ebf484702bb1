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

    [Fact]
    public void ALineIsReadUpToItsQueryTokensAndAnIndexRowFurther()
    {
        var words = string.Join(' ', Enumerable.Repeat("stainless steel kitchen knife", 20));
        var cotton = words + " cotton t-shirt";
        var bolts = words + " hexagon bolts";
        Assert.True(TensorPrimitives.Dot(fixture.Embedder.EmbedQuery(cotton), fixture.Embedder.EmbedQuery(bolts)) > 0.9999f);
        Assert.True(TensorPrimitives.Dot(fixture.Embedder.Embed(cotton[..200]), fixture.Embedder.Embed(bolts[..200])) > 0.9999f);
        var shortLine = "cotton t-shirt";
        Assert.True(TensorPrimitives.Dot(fixture.Embedder.EmbedQuery(shortLine), fixture.Embedder.Embed(shortLine)) > 0.9999f);
    }
}
