namespace HsActors.Classification.Semantic;

/// <summary>One line to classify: its description, and the marketplace category and attributes a hub may send with it.</summary>
public sealed record ListingLine(string Description, string? Category = null, IReadOnlyDictionary<string, string>? Attributes = null);
