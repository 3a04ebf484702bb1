using System.Runtime.InteropServices;

namespace HsActors.Learning;

/// <summary>
/// The binary layout shared by the weight matrices: a header (magic, version, classes, features), then per feature its
/// weight row, stored either densely or as (class gap, value) pairs of its non-zero weights, whichever is smaller; the
/// choice follows from the non-zero count alone, so no flag byte is needed. Lossless: only exact zeros are dropped.
/// </summary>
internal static class WeightRowFormat
{
    public static void WriteHeader(BinaryWriter writer, int magic, int version, int classCount, int featureCount)
    {
        writer.Write(magic);
        writer.Write(version);
        writer.Write(classCount);
        writer.Write(featureCount);
    }

    /// <summary>
    /// Reads and checks a header written by <see cref="WriteHeader"/> in one of the versions from
    /// <paramref name="oldestVersion"/> to <paramref name="version"/>; <paramref name="what"/> names the model in errors.
    /// </summary>
    public static (int Version, int ClassCount, int FeatureCount) ReadHeader(BinaryReader reader, int magic, int oldestVersion, int version, string what)
    {
        if (reader.ReadInt32() != magic)
        {
            throw new InvalidDataException($"The stream does not hold a {what} (wrong magic number).");
        }
        var found = reader.ReadInt32();
        if (found < oldestVersion || found > version)
        {
            throw new InvalidDataException($"{what} format version {found} is not supported (expected {(oldestVersion == version ? $"{version}" : $"{oldestVersion} to {version}")}).");
        }
        var classCount = reader.ReadInt32();
        var featureCount = reader.ReadInt32();
        if (classCount < 1 || featureCount < 0 || (long)classCount * featureCount > Array.MaxLength)
        {
            throw new InvalidDataException($"{what} header has an invalid shape: {classCount} classes × {featureCount} features.");
        }
        // A class costs at least its float after the header, a feature at least its row's one-byte count.
        if (reader.Remaining() is { } remaining && (long)classCount * sizeof(float) + featureCount > remaining)
        {
            throw new InvalidDataException($"{what} header announces {classCount} classes × {featureCount} features, more than the {remaining} bytes left can hold.");
        }
        return (found, classCount, featureCount);
    }

    public static void WriteRow(BinaryWriter writer, ReadOnlySpan<float> row)
    {
        var nonZero = CountNonZero(row);
        writer.Write7BitEncodedInt(nonZero);
        if (IsStoredDense(nonZero, row.Length))
        {
            WriteFloats(writer, row);
            return;
        }
        var previous = -1;
        for (var c = 0; c < row.Length; c++)
        {
            if (row[c] == 0f)
            {
                continue;
            }
            writer.Write7BitEncodedInt(c - previous - 1);
            writer.Write(row[c]);
            previous = c;
        }
    }

    /// <summary>Fills <paramref name="row"/> (all classes, zeroed by the caller) with the row of <paramref name="feature"/>.</summary>
    public static void ReadRow(BinaryReader reader, int feature, Span<float> row)
    {
        var classCount = row.Length;
        var nonZero = reader.Read7BitEncodedInt();
        if (nonZero < 0 || nonZero > classCount)
        {
            throw new InvalidDataException($"Feature {feature} claims {nonZero} non-zero weights but the model has {classCount} classes.");
        }
        if (IsStoredDense(nonZero, classCount))
        {
            ReadFloats(reader, row);
            return;
        }
        var c = -1;
        for (var k = 0; k < nonZero; k++)
        {
            c += reader.Read7BitEncodedInt() + 1;
            if ((uint)c >= (uint)classCount)
            {
                throw new InvalidDataException($"Feature {feature} has a weight for class {c}, outside the model's {classCount} classes.");
            }
            row[c] = reader.ReadSingle();
        }
    }

    public static int CountNonZero(ReadOnlySpan<float> row)
    {
        var count = 0;
        foreach (var value in row)
        {
            if (value != 0f)
            {
                count++;
            }
        }
        return count;
    }

    // A sparse entry costs about 5 bytes (1-byte gap + float) against 4 bytes per class for a dense row.
    public static bool IsStoredDense(int nonZero, int classCount) => 5L * nonZero >= 4L * classCount;

    public static void WriteFloats(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    public static void ReadFloats(BinaryReader reader, Span<float> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            var bytes = MemoryMarshal.AsBytes(destination);
            var read = 0;
            while (read < bytes.Length)
            {
                var n = reader.Read(bytes[read..]);
                if (n == 0)
                {
                    throw new EndOfStreamException();
                }
                read += n;
            }
            return;
        }
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = reader.ReadSingle();
        }
    }
}
