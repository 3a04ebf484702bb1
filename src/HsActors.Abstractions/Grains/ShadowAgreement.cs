namespace HsActors.Abstractions.Grains;

/// <summary>
/// How often the shadow version's top code equals the active version's on live lines of the chapter.
/// <paramref name="Dropped"/> counts lines not compared because the comparison queue was full (it never slows answers).
/// </summary>
public sealed record ShadowAgreement(string ActiveVersion, string ShadowVersion, long Compared, long Agreed, long Dropped)
{
    public double AgreementRate => Compared == 0 ? 0 : (double)Agreed / Compared;
}
