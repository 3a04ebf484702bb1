using System.Buffers;
using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Hierarchy;

/// <summary>
/// The national lines (8 digits) under one subheading and the LinearSVC that tells these siblings apart. It is trained
/// on the subheading's own rows over only the features those rows use: sibling lines share their parents' wording and
/// differ in a few terms, so a small model per subheading learns the difference as well as one model over the whole
/// chapter, at a fraction of the training time and size.
/// </summary>
public sealed class SubheadingLines
{
    public SubheadingLines(HsCode subheading, IReadOnlyList<HsCode> lines, FeatureMap features, LinearModel? model)
    {
        if (model is not null && (model.ClassCount != lines.Count || model.FeatureCount != features.Count))
        {
            throw new ArgumentException(
                $"The line model of {subheading} has {model.ClassCount} classes × {model.FeatureCount} features; expected {lines.Count} × {features.Count}.",
                nameof(model));
        }
        foreach (var line in lines)
        {
            if (line.Level != 8 || line.Truncate(6) != subheading)
            {
                throw new ArgumentException($"{line} is not a national line of subheading {subheading}.", nameof(lines));
            }
        }
        Subheading = subheading;
        Lines = lines;
        Features = features;
        Model = model;
    }

    public HsCode Subheading { get; }

    /// <summary>Empty when the subheading is itself the most precise code known.</summary>
    public IReadOnlyList<HsCode> Lines { get; }

    public FeatureMap Features { get; }

    /// <summary>Null when there are fewer than two lines to tell apart: the lines then share the subheading's probability.</summary>
    public LinearModel? Model { get; }

    public static SubheadingLines None(HsCode subheading) => new(subheading, [], FeatureMap.Empty, null);

    /// <summary>P(line | subheading) for each line, into <paramref name="probabilities"/> (length <see cref="Lines"/>.Count).</summary>
    public void Probabilities(in SparseVector globalFeatures, SoftmaxCalibration calibration, Span<float> probabilities)
    {
        if (Model is null)
        {
            probabilities.Fill(1f / Lines.Count);
            return;
        }
        var pool = ArrayPool<int>.Shared;
        var floats = ArrayPool<float>.Shared;
        var indices = pool.Rent(Math.Max(globalFeatures.Count, 1));
        var values = floats.Rent(Math.Max(globalFeatures.Count, 1));
        try
        {
            var n = Features.ToLocal(globalFeatures, indices, values);
            Span<float> scores = Lines.Count <= 256 ? stackalloc float[Lines.Count] : new float[Lines.Count];
            Model.Score(indices.AsSpan(0, n), values.AsSpan(0, n), scores);
            calibration.Probabilities(scores, probabilities);
        }
        finally
        {
            pool.Return(indices);
            floats.Return(values);
        }
    }

    /// <summary>The index of <paramref name="line"/> among <see cref="Lines"/>, or -1.</summary>
    public int IndexOf(HsCode line)
    {
        for (var i = 0; i < Lines.Count; i++)
        {
            if (Lines[i] == line)
            {
                return i;
            }
        }
        return -1;
    }
}
