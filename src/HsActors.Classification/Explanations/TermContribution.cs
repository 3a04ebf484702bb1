namespace HsActors.Classification.Explanations;

/// <summary>How much one term of the description pushed the score of a code up: tf-idf value × the code's weight for it.</summary>
public readonly record struct TermContribution(string Term, float Weight);
