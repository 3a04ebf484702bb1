using Google.Protobuf;
using Onnx;

namespace HsActors.Classification.Semantic.Encoding;

/// <summary>
/// The graph <see cref="SentenceEmbedder"/> runs, made from the package's export: only the token embeddings are
/// computed (the export's pooler output is never read, and the runtime would run it on every call), and the weight
/// matrices are int8 (<see cref="Int8MatMulWeights"/>). At the 30 to 50 tokens of a line every operator's fixed cost
/// counts: the bench's <c>semantic</c> verb prints the encoder's time a line. (Fusing each residual Add with its layer
/// norm into ONNX Runtime's SkipLayerNormalization was tried and made a line slower on this CPU.)
/// </summary>
public static class EncoderGraph
{
    public static byte[] Build(byte[] onnxModel, string output)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        ArgumentException.ThrowIfNullOrEmpty(output);
        var model = ModelProto.Parser.ParseFrom(onnxModel);
        KeepOnlyOutput(model.Graph, output);
        Int8MatMulWeights.Quantize(model);
        return model.ToByteArray();
    }

    /// <summary>Drops every other graph output and the nodes and initializers only they needed.</summary>
    private static void KeepOnlyOutput(GraphProto graph, string output)
    {
        var kept = graph.Output.FirstOrDefault(o => o.Name == output)
            ?? throw new ArgumentException($"The graph has no output '{output}'.", nameof(output));
        graph.Output.Clear();
        graph.Output.Add(kept);
        var producers = graph.Node.SelectMany(n => n.Output.Select(o => (Output: o, Node: n))).ToDictionary(p => p.Output, p => p.Node, StringComparer.Ordinal);
        var needed = new HashSet<string>(StringComparer.Ordinal);
        var live = new HashSet<NodeProto>();
        var pending = new Stack<string>([output]);
        while (pending.TryPop(out var name))
        {
            if (!needed.Add(name) || !producers.TryGetValue(name, out var node) || !live.Add(node))
            {
                continue;
            }
            foreach (var input in node.Input)
            {
                pending.Push(input);
            }
        }
        foreach (var dead in graph.Node.Where(n => !live.Contains(n)).ToArray())
        {
            graph.Node.Remove(dead);
        }
        foreach (var unused in graph.Initializer.Where(t => !needed.Contains(t.Name)).ToArray())
        {
            graph.Initializer.Remove(unused);
        }
    }
}
