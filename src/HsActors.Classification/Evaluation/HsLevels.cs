namespace HsActors.Classification.Evaluation;

/// <summary>The code lengths a recommendation is judged at: chapter, heading, subheading, national line.</summary>
public static class HsLevels
{
    public static IReadOnlyList<int> All { get; } = [2, 4, 6, 8];

    /// <summary>The finest scored level of a code: its own, with a 10-digit statistical suffix counted as 8.</summary>
    public static int Finest(int codeLevel) => Math.Min(codeLevel, 8);
}
