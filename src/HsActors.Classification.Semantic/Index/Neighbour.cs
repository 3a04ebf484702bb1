using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Index;

/// <summary>An index row near a query: its code and its cosine similarity (from int8 vectors, so within about 0.01).</summary>
public readonly record struct Neighbour(HsCode Code, float Similarity);
