namespace HsActors.Abstractions.Grains;

/// <summary>
/// How often the shadow version's top code equals the active version's on live lines of the chapter.
/// <paramref name="Dropped"/> counts lines not compared because the comparison queue was full (it never slows answers).
/// </summary>
public sealed record ShadowAgreement(string ActiveVersion, string ShadowVersion, long Compared, long Agreed, long Dropped)
{
    public double AgreementRate => Compared == 0 ? 0 : (double)Agreed / Compared;

    /// <summary>The latest lines on which the two versions disagreed, newest first: what an administrator reads before promoting.</summary>
    public IReadOnlyList<ShadowDisagreement> Disagreements { get; init; } = [];
}

/// <param name="ActiveCode">The active version's top code (null when it ranked nothing).</param>
public sealed record ShadowDisagreement(string Description, string? ActiveCode, string? ShadowCode);
