using HsActors.Learning;
using HsActors.Nomenclature;

namespace HsActors.Classification.Training;

/// <summary>Training rows after cleansing and vectorizing: parallel arrays, the shape every learner wants.</summary>
/// <param name="HeldOut">Rows left out of the calibration drafts, whose scores fit the temperatures.</param>
/// <param name="FromNomenclature">Rows that are the nomenclature's own labels rather than descriptions of goods.</param>
public sealed record FeaturizedRows(SparseVector[] Vectors, HsCode[] Codes, float[] Weights, bool[] HeldOut, bool[] FromNomenclature)
{
    public int Count => Vectors.Length;

    public FeaturizedRows Select(IReadOnlyList<int> indices) => new(
        [.. indices.Select(i => Vectors[i])],
        [.. indices.Select(i => Codes[i])],
        [.. indices.Select(i => Weights[i])],
        [.. indices.Select(i => HeldOut[i])],
        [.. indices.Select(i => FromNomenclature[i])]);
}
