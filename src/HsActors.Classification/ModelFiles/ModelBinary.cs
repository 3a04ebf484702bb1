using System.Text.Json;
using HsActors.Nomenclature;
using HsActors.Text;

namespace HsActors.Classification.ModelFiles;

/// <summary>Encodings shared by the router and chapter payloads.</summary>
internal static class ModelBinary
{
    public static void WriteCodes(this BinaryWriter writer, IReadOnlyList<HsCode> codes)
    {
        writer.Write7BitEncodedInt(codes.Count);
        foreach (var code in codes)
        {
            writer.Write(code.Digits);
        }
    }

    public static HsCode[] ReadCodes(this BinaryReader reader)
    {
        var codes = new HsCode[ReadCount(reader, 1_000_000)];
        for (var i = 0; i < codes.Length; i++)
        {
            var digits = reader.ReadString();
            if (!HsCode.TryParse(digits, out codes[i]))
            {
                throw new ModelFileException($"Model file holds an invalid HS code '{digits}'.");
            }
        }
        return codes;
    }

    /// <summary>
    /// A count of items that follow, each at least one byte (a code's length, a varint): never more than the payload
    /// still holds, so a damaged count fails here instead of allocating an array for two billion items first.
    /// </summary>
    public static int ReadCount(this BinaryReader reader, int max)
    {
        var count = reader.Read7BitEncodedInt();
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        if (count < 0 || count > max || count > remaining)
        {
            throw new ModelFileException($"Model file holds an implausible count {count} ({remaining} bytes left).");
        }
        return count;
    }

    public static void WriteMetadata(this BinaryWriter writer, ModelMetadata metadata) =>
        writer.Write(JsonSerializer.Serialize(metadata));

    public static ModelMetadata ReadMetadata(this BinaryReader reader) =>
        JsonSerializer.Deserialize<ModelMetadata>(reader.ReadString()) ?? throw new ModelFileException("Model file has no metadata.");

    public static void WriteCleansing(this BinaryWriter writer, CleansingOptions o)
    {
        writer.Write(JsonSerializer.Serialize(o));
    }

    public static CleansingOptions ReadCleansing(this BinaryReader reader) =>
        JsonSerializer.Deserialize<CleansingOptions>(reader.ReadString()) ?? throw new ModelFileException("Model file has no cleansing options.");

    public static byte[] Payload(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }
        return buffer.ToArray();
    }

    /// <summary>Decodes a verified payload; any read past its end means the writer and reader disagree, reported as a format error.</summary>
    public static T Read<T>(ReadOnlyMemory<byte> payload, string source, Func<BinaryReader, T> read)
    {
        using var stream = new MemoryStream(payload.ToArray(), writable: false);
        using var reader = new BinaryReader(stream);
        try
        {
            var result = read(reader);
            if (stream.Position != stream.Length)
            {
                throw new ModelFileException($"{source} has {stream.Length - stream.Position} unread bytes after its model.");
            }
            return result;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or InvalidDataException or FormatException or JsonException or ArgumentException)
        {
            throw new ModelFileException($"{source} could not be decoded: {e.Message}", e);
        }
    }
}
