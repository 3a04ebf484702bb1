using System.Numerics.Tensors;
using HsActors.Classification.Semantic.Encoding;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace HsActors.Classification.Semantic.Tests;

public sealed class EncoderGraphTests
{
    [Fact]
    public void TheServedGraphComputesOnlyTokenVectorsWithBiasesInsideTheQuantisedProducts()
    {
        var export = MiniLmResources.ReadModel();
        var graph = ModelProto.Parser.ParseFrom(EncoderGraph.Build(export, MiniLmResources.TokenEmbeddings)).Graph;

        Assert.Equal([MiniLmResources.TokenEmbeddings], graph.Output.Select(o => o.Name));
        Assert.DoesNotContain(graph.Node, n => n.OpType is "Gemm" or "Tanh");
        var products = graph.Node.Where(n => n.OpType == "DynamicQuantizeMatMul").ToArray();
        Assert.Equal(36, products.Length);
        Assert.All(products, p => Assert.Equal(5, p.Input.Count));
        // What still adds to a product is the residual connection (another activation), never a bias vector.
        var productOutputs = products.Select(p => p.Output[0]).ToHashSet();
        var vectors = graph.Initializer.Where(t => t.Dims.Count == 1).Select(t => t.Name).ToHashSet();
        Assert.DoesNotContain(graph.Node, n => n.OpType == "Add" && n.Input.Any(productOutputs.Contains) && n.Input.Any(vectors.Contains));
        Assert.All(graph.Node.SelectMany(n => n.Input).Where(i => i.Length > 0),
            input => Assert.True(graph.Initializer.Any(t => t.Name == input) || graph.Node.Any(n => n.Output.Contains(input)) || graph.Input.Any(i => i.Name == input), input));
    }

    [Fact]
    public void TheServedGraphGivesNearlyTheExportsTokenVectors()
    {
        // "[CLS] leather handbag with zip [SEP]" in the MiniLM vocabulary.
        long[] ids = [101, 5898, 2192, 16078, 2007, 14101, 102];
        var export = MiniLmResources.ReadModel();
        var expected = TokenVectors(export, ids);
        var actual = TokenVectors(EncoderGraph.Build(export, MiniLmResources.TokenEmbeddings), ids);
        for (var t = 0; t < ids.Length; t++)
        {
            var a = expected.AsSpan(t * MiniLmResources.Dimensions, MiniLmResources.Dimensions);
            var b = actual.AsSpan(t * MiniLmResources.Dimensions, MiniLmResources.Dimensions);
            Assert.True(TensorPrimitives.CosineSimilarity(a, b) > 0.97f, $"token {t}: {TensorPrimitives.CosineSimilarity(a, b)}");
        }
    }

    [Fact]
    public void AnOutputTheGraphDoesNotHaveIsRefused() =>
        Assert.Throws<ArgumentException>(() => EncoderGraph.Build(MiniLmResources.ReadModel(), "pooled"));

    internal static float[] TokenVectors(byte[] graph, long[] ids)
    {
        using var session = new InferenceSession(graph, new SessionOptions { IntraOpNumThreads = 1 });
        long[] shape = [1, ids.Length];
        using var input = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var run = new RunOptions();
        using var outputs = session.Run(run, ["input_ids", "attention_mask", "token_type_ids"], [input, mask, types], [MiniLmResources.TokenEmbeddings]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
