using HsActors.Nomenclature;

namespace HsActors.Classification.Semantic.Evaluation;

/// <summary>A labelled marketplace listing: title, category path, attributes, and the HS code experts gave it.</summary>
public sealed record MarketplaceListing(string Title, string? Category, IReadOnlyDictionary<string, string> Attributes, HsCode Code);
