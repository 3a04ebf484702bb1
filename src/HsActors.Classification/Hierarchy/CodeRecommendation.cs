using HsActors.Nomenclature;

namespace HsActors.Classification.Hierarchy;

/// <summary>One ranked answer: a national (8-digit) code, or a 6-digit subheading that has no national lines.</summary>
public readonly record struct CodeRecommendation(HsCode Code, float Probability);
