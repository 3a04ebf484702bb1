using System.Text.Json;
using HsActors.Classification.ModelFiles;
using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Index;

/// <summary>
/// The index as a model blob in the common envelope (magic, format, kind, SHA-256): metadata, the encoder that made
/// it, then each row's code, scale and int8 vector. Officers' appended rows are not written: they are replayed from
/// the assessment stream, which is their durable record.
/// </summary>
public static class SemanticIndexFile
{
    public const string FileName = "semantic.hsm";

    /// <summary>Bumped when the payload's layout changes; a file of another layout is refused, not misread.</summary>
    private const int PayloadVersion = 1;

    public static byte[] Write(SemanticIndex index, ModelMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(metadata);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(PayloadVersion);
            writer.Write(JsonSerializer.Serialize(metadata));
            writer.Write(index.EncoderId);
            writer.Write(index.Dimensions);
            writer.Write(index.Count);
            foreach (var segment in index.Segments)
            {
                foreach (var code in segment.Codes)
                {
                    writer.Write(code.Digits);
                }
            }
            foreach (var segment in index.Segments)
            {
                foreach (var scale in segment.Scales)
                {
                    writer.Write(scale);
                }
            }
            foreach (var segment in index.Segments)
            {
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(segment.Vectors));
            }
        }
        return ModelEnvelope.Wrap(ModelKind.SemanticIndex, buffer.ToArray());
    }

    /// <summary>
    /// <see cref="Read"/>, refusing an index another encoder built: its vectors mean nothing to this build's queries.
    /// <paramref name="remedy"/> ends the message (what the reader of it can do).
    /// </summary>
    public static (SemanticIndex Index, ModelMetadata Metadata) ReadForThisEncoder(ReadOnlyMemory<byte> file, string source, string remedy = "")
    {
        var read = Read(file, source);
        return IsThisEncoders(read.Index) ? read
            : throw new ModelFileException($"{source} was built by '{read.Index.EncoderId}', not by this build's encoder '{Encoding.MiniLmResources.EncoderId}'{remedy}.");
    }

    /// <summary>Whether this build's encoder built the index (its queries and the index's rows are comparable).</summary>
    public static bool IsThisEncoders(SemanticIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return index.EncoderId == Encoding.MiniLmResources.EncoderId;
    }

    public static (SemanticIndex Index, ModelMetadata Metadata) Read(ReadOnlyMemory<byte> file, string source)
    {
        var payload = ModelEnvelope.Unwrap(file, ModelKind.SemanticIndex, source);
        using var reader = new BinaryReader(new MemoryStream(payload.ToArray(), writable: false));
        var version = reader.ReadInt32();
        if (version != PayloadVersion)
        {
            throw new ModelFileException($"{source} is a semantic index of layout {version}; this build reads layout {PayloadVersion}.");
        }
        var metadata = JsonSerializer.Deserialize<ModelMetadata>(reader.ReadString()) ?? throw new ModelFileException($"{source} has no metadata.");
        var encoder = reader.ReadString();
        var dimensions = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (dimensions is < 1 or > 4096 || count is < 0 or > 10_000_000)
        {
            throw new ModelFileException($"{source} claims {count} rows of {dimensions} dimensions.");
        }
        var codes = new HsCode[count];
        for (var i = 0; i < count; i++)
        {
            var digits = reader.ReadString();
            if (!HsCode.TryParse(digits, out codes[i]))
            {
                throw new ModelFileException($"{source} holds an invalid HS code '{digits}'.");
            }
        }
        var scales = new float[count];
        for (var i = 0; i < count; i++)
        {
            scales[i] = reader.ReadSingle();
        }
        var vectors = new sbyte[checked(count * dimensions)];
        if (reader.Read(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vectors.AsSpan())) != vectors.Length)
        {
            throw new ModelFileException($"{source} ends before its vectors do.");
        }
        return (new SemanticIndex(encoder, dimensions, [new EmbeddingSegment(dimensions, codes, scales, vectors)]), metadata);
    }
}
