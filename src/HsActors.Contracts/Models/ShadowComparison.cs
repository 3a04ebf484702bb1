namespace HsActors.Contracts.Models;

/// <summary>Live lines on which the shadow version's top code was compared with the active version's.</summary>
public sealed record ShadowComparison(string ActiveVersion, string ShadowVersion, long Compared, long Agreed, long Dropped, double AgreementRate)
{
    /// <summary>The latest lines (up to 10, newest first) on which the two disagreed.</summary>
    public IReadOnlyList<ShadowExample> Disagreements { get; init; } = [];
}

/// <param name="ActiveCode">What the active version answered first.</param>
/// <param name="ShadowCode">What the shadow would have answered first.</param>
public sealed record ShadowExample(string Description, string? ActiveCode, string? ShadowCode);
