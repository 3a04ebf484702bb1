namespace HsActors.Classification.Evaluation;

/// <summary>
/// Chapter-level confusion of the first recommendation: Counts[row][column] = cases of true chapter Labels[row]
/// predicted as Labels[column]. <see cref="NoPrediction"/> labels cases that got no recommendation at all.
/// </summary>
public sealed record ChapterConfusion(IReadOnlyList<string> Labels, IReadOnlyList<int[]> Counts)
{
    public const string NoPrediction = "none";

    public int RowTotal(int row) => Counts[row].Sum();
}
