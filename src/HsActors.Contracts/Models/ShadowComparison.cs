namespace HsActors.Contracts.Models;

/// <summary>Live lines on which the shadow version's top code was compared with the active version's.</summary>
public sealed record ShadowComparison(string ActiveVersion, string ShadowVersion, long Compared, long Agreed, long Dropped, double AgreementRate);
