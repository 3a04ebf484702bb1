using HsActors.Nomenclature;

namespace HsActors.Classification.Evaluation;

/// <summary>One training row for an <see cref="ITextBaseline"/>: cleansed text, its code cut to the baseline's level, and the hierarchy's row weight.</summary>
public sealed record TextTrainingRow(string Text, HsCode Code, float Weight);
