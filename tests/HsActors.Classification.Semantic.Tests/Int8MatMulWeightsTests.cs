using System.Numerics.Tensors;
using HsActors.Classification.Semantic.Encoding;

namespace HsActors.Classification.Semantic.Tests;

public sealed class Int8MatMulWeightsTests
{
    [Fact]
    public void TheQuantisedEncoderIsSmallerAndGivesNearlyTheFloatEncodersTokenVectors()
    {
        var floatGraph = MiniLmResources.ReadModel();
        var int8Graph = Int8MatMulWeights.Quantize(floatGraph);
        Assert.True(int8Graph.Length < floatGraph.Length * 0.7, $"{int8Graph.Length:N0} bytes quantised against {floatGraph.Length:N0}");

        // "[CLS] leather handbag with zip [SEP]" in the MiniLM vocabulary.
        long[] ids = [101, 5898, 2192, 16078, 2007, 14101, 102];
        var expected = EncoderGraphTests.TokenVectors(floatGraph, ids);
        var actual = EncoderGraphTests.TokenVectors(int8Graph, ids);
        for (var t = 0; t < ids.Length; t++)
        {
            var a = expected.AsSpan(t * MiniLmResources.Dimensions, MiniLmResources.Dimensions);
            var b = actual.AsSpan(t * MiniLmResources.Dimensions, MiniLmResources.Dimensions);
            Assert.True(TensorPrimitives.CosineSimilarity(a, b) > 0.97f, $"token {t}: {TensorPrimitives.CosineSimilarity(a, b)}");
            Assert.False(a.SequenceEqual(b));
        }
    }
}
