using System.Globalization;

namespace HsActors.Learning;

/// <summary>
/// The svmlight / LIBLINEAR text format, "label idx:val idx:val ...", with 1-based ascending feature ids and values
/// written in the invariant culture with round-trippable precision. Used to check our learners against liblinear-train.
/// </summary>
public static class SvmLightFormat
{
    public static void Write(TextWriter writer, IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        if (rows.Count != labels.Count)
        {
            throw new ArgumentException($"{rows.Count} rows but {labels.Count} labels.", nameof(labels));
        }
        Span<char> number = stackalloc char[32];
        for (var row = 0; row < rows.Count; row++)
        {
            var vector = rows[row];
            if (vector.Indices is null || vector.Values is null || vector.Indices.Length != vector.Values.Length)
            {
                throw new ArgumentException($"Row {row} is not a valid sparse vector (missing or mismatched arrays).", nameof(rows));
            }
            writer.Write(labels[row].ToString(CultureInfo.InvariantCulture));
            for (var i = 0; i < vector.Indices.Length; i++)
            {
                var index = vector.Indices[i];
                if (index < 0 || (i > 0 && index <= vector.Indices[i - 1]))
                {
                    throw new ArgumentException($"Row {row}: feature ids must be non-negative and strictly ascending (position {i}: {index}).", nameof(rows));
                }
                var value = vector.Values[i];
                if (!float.IsFinite(value))
                {
                    throw new ArgumentException($"Row {row}: feature {index} has a non-finite value ({value}).", nameof(rows));
                }
                writer.Write(' ');
                writer.Write((index + 1).ToString(CultureInfo.InvariantCulture));
                writer.Write(':');
                value.TryFormat(number, out var written, "R", CultureInfo.InvariantCulture);
                writer.Write(number[..written]);
            }
            writer.Write('\n');
        }
    }

    /// <summary>Reads the format back (0-based feature ids again); blank lines and '#' comments are skipped.</summary>
    public static SvmLightData Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<SparseVector>();
        var labels = new List<int>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var comment = line.IndexOf('#');
            var content = (comment >= 0 ? line[..comment] : line).Trim();
            if (content.Length == 0)
            {
                continue;
            }
            var parts = content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (!int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var label))
            {
                throw new FormatException($"svmlight line {lineNumber}: label '{parts[0]}' is not an integer.");
            }
            var indices = new int[parts.Length - 1];
            var values = new float[parts.Length - 1];
            for (var i = 1; i < parts.Length; i++)
            {
                var colon = parts[i].IndexOf(':');
                if (colon <= 0
                    || !int.TryParse(parts[i].AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    || id < 1
                    || !float.TryParse(parts[i].AsSpan(colon + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new FormatException($"svmlight line {lineNumber}: '{parts[i]}' is not 'index:value' with a 1-based index.");
                }
                if (i > 1 && id - 1 <= indices[i - 2])
                {
                    throw new FormatException($"svmlight line {lineNumber}: feature ids must be strictly ascending ({parts[i]}).");
                }
                indices[i - 1] = id - 1;
                values[i - 1] = value;
            }
            rows.Add(new SparseVector(indices, values));
            labels.Add(label);
        }
        return new SvmLightData(rows, labels);
    }
}
