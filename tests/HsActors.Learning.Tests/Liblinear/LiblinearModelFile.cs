using System.Globalization;

namespace HsActors.Learning.Tests.Liblinear;

/// <summary>
/// A LIBLINEAR model file: header ("solver_type", "nr_class", "label", "nr_feature", "bias") then "w" and one line per
/// feature (plus one for the bias feature when bias >= 0) with one column per weight vector. Column k belongs to the
/// k-th entry of the "label" line; with two classes there is a single column for the first label.
/// </summary>
public sealed record LiblinearModelFile(string SolverType, int[] Labels, int FeatureCount, double Bias, double[][] Columns)
{
    public static LiblinearModelFile Read(string path)
    {
        using var reader = new StreamReader(path);
        var solver = "";
        int[] labels = [];
        var featureCount = -1;
        var bias = -1.0;
        string? line;
        while ((line = reader.ReadLine()) is not null && line.Trim() != "w")
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (parts[0])
            {
                case "solver_type": solver = parts[1]; break;
                case "label": labels = parts.Skip(1).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray(); break;
                case "nr_feature": featureCount = int.Parse(parts[1], CultureInfo.InvariantCulture); break;
                case "bias": bias = double.Parse(parts[1], CultureInfo.InvariantCulture); break;
            }
        }
        if (line is null || featureCount < 0 || labels.Length == 0)
        {
            throw new InvalidDataException($"{path} is not a LIBLINEAR model file (missing header or 'w' section).");
        }
        var columnCount = labels.Length == 2 ? 1 : labels.Length;
        var rowCount = featureCount + (bias >= 0 ? 1 : 0);
        var columns = Enumerable.Range(0, columnCount).Select(_ => new double[rowCount]).ToArray();
        for (var row = 0; row < rowCount; row++)
        {
            var values = (reader.ReadLine() ?? throw new InvalidDataException($"{path} ends after {row} weight lines of {rowCount}."))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var k = 0; k < columnCount; k++)
            {
                columns[k][row] = double.Parse(values[k], CultureInfo.InvariantCulture);
            }
        }
        return new LiblinearModelFile(solver, labels, featureCount, bias, columns);
    }

    /// <summary>Weight of <paramref name="feature"/> (0-based) for class label <paramref name="label"/>; 0 beyond nr_feature.</summary>
    public double Weight(int label, int feature)
    {
        var (column, sign) = ColumnOf(label);
        return feature < FeatureCount ? sign * Columns[column][feature] : 0.0;
    }

    /// <summary>Intercept of class <paramref name="label"/>: bias-feature weight × bias value.</summary>
    public double Intercept(int label)
    {
        var (column, sign) = ColumnOf(label);
        return Bias >= 0 ? sign * Columns[column][FeatureCount] * Bias : 0.0;
    }

    private (int Column, double Sign) ColumnOf(int label)
    {
        var position = Array.IndexOf(Labels, label);
        if (position < 0)
        {
            throw new ArgumentException($"Label {label} is not in the model.", nameof(label));
        }
        return Labels.Length == 2 ? (0, position == 0 ? 1.0 : -1.0) : (position, 1.0);
    }
}
