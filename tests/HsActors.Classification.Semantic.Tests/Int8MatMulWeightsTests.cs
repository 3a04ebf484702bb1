using System.Numerics.Tensors;
using HsActors.Classification.Semantic.Encoding;
using Microsoft.ML.OnnxRuntime;

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
        var expected = TokenVectors(floatGraph, ids);
        var actual = TokenVectors(int8Graph, ids);
        for (var t = 0; t < ids.Length; t++)
        {
            var a = expected.AsSpan(t * MiniLmResources.Dimensions, MiniLmResources.Dimensions);
            var b = actual.AsSpan(t * MiniLmResources.Dimensions, MiniLmResources.Dimensions);
            Assert.True(TensorPrimitives.CosineSimilarity(a, b) > 0.97f, $"token {t}: {TensorPrimitives.CosineSimilarity(a, b)}");
            Assert.False(a.SequenceEqual(b));
        }
    }

    private static float[] TokenVectors(byte[] graph, long[] ids)
    {
        using var session = new InferenceSession(graph, new SessionOptions { IntraOpNumThreads = 1 });
        long[] shape = [1, ids.Length];
        using var input = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var run = new RunOptions();
        using var outputs = session.Run(run, ["input_ids", "attention_mask", "token_type_ids"], [input, mask, types], [session.OutputMetadata.Keys.First()]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
