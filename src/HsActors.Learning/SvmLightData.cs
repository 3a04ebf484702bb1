namespace HsActors.Learning;

/// <summary>Rows and labels read back from an svmlight / LIBLINEAR text file.</summary>
public sealed record SvmLightData(IReadOnlyList<SparseVector> Rows, IReadOnlyList<int> Labels);
