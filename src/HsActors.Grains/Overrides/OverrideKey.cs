namespace HsActors.Grains.Overrides;

/// <summary>A row of the override table: normalised description and importer (null = every importer).</summary>
internal readonly record struct OverrideKey(string Description, string? ImporterId);
